/*
 * The benchmark's flags. The defaults are the large tree; --quick shrinks everything for
 * a run of a few minutes. The app runs at --rps (COMPLIANCE_RATE_LIMIT_RPS, at most 10) and the
 * simulator grants --rate-per-minute (the real API: 600), so a run is short and its 429s honest.
 */

export interface BenchOptions {
  quick: boolean;
  seed: string;
  orgs: number;
  users: number;
  groups: number;
  /** Users of the one organization the browser table shows. */
  tableRows: number;
  rps: number;
  ratePerMinute: number;
  officers: number;
  /** Keys typed in each tab a keystroke measure opens. */
  keystrokes: number;
  /** Fresh tabs each keystroke measure types its keys in (the verdict reads every tab's keys together). */
  keystrokeTabs: number;
  /** Restarts the after-a-restart measure takes (the verdict reads their median). */
  restarts: number;
  /** Syncs in the storage measure (issue 9: thirty). */
  storageSyncs: number;
  browser: boolean;
  /** Rebuild the app even when a build exists. */
  build: boolean;
  outDir: string;
}

const FULL = { orgs: 200, users: 200_000, groups: 500, tableRows: 50_000, keystrokes: 20, keystrokeTabs: 3, restarts: 3 };
const QUICK = { orgs: 20, users: 20_000, groups: 50, tableRows: 10_000, keystrokes: 10, keystrokeTabs: 1, restarts: 1 };

export const USAGE = `npm run bench -- [--quick] [--orgs N] [--users N] [--groups N] [--table-rows N]
                   [--rps N (1..10)] [--rate-per-minute N] [--officers N] [--keystrokes N]
                   [--keystroke-tabs N] [--restarts N] [--storage-syncs N] [--seed S] [--no-browser] [--build]
                   [--out DIR]`;

type NumberKey = { [K in keyof BenchOptions]: BenchOptions[K] extends number ? K : never }[keyof BenchOptions];

/** Flags taking a number: its option, its bounds, and whether a fraction is rounded to a whole number. */
const NUMBER_FLAGS = new Map<string, { key: NumberKey; min: number; max: number; whole?: boolean }>([
  ["--orgs", { key: "orgs", min: 1, max: 20_000 }],
  ["--users", { key: "users", min: 0, max: 2_000_000 }],
  ["--groups", { key: "groups", min: 1, max: 50_000 }],
  ["--table-rows", { key: "tableRows", min: 1, max: 2_000_000 }],
  ["--rps", { key: "rps", min: 1, max: 10 }],
  ["--rate-per-minute", { key: "ratePerMinute", min: 1, max: 1_000_000, whole: true }],
  ["--officers", { key: "officers", min: 1, max: 200, whole: true }],
  ["--keystrokes", { key: "keystrokes", min: 1, max: 200, whole: true }],
  ["--keystroke-tabs", { key: "keystrokeTabs", min: 1, max: 10, whole: true }],
  ["--restarts", { key: "restarts", min: 1, max: 10, whole: true }],
  ["--storage-syncs", { key: "storageSyncs", min: 2, max: 365, whole: true }],
]);

/** Flags taking text, and what the usage error says they take. */
const TEXT_FLAGS = new Map<string, { key: "seed" | "outDir"; takes: string }>([
  ["--seed", { key: "seed", takes: "a value" }],
  ["--out", { key: "outDir", takes: "a folder" }],
]);

export function parseBenchArgs(argv: string[]): BenchOptions {
  const quick = argv.includes("--quick");
  const base = quick ? QUICK : FULL;
  const o: BenchOptions = {
    quick,
    seed: "bench",
    ...base,
    rps: 10,
    ratePerMinute: 600,
    officers: 20,
    storageSyncs: 30,
    browser: true,
    build: false,
    outDir: "bench/reports",
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    const numeric = NUMBER_FLAGS.get(a);
    const text = TEXT_FLAGS.get(a);
    if (numeric) {
      const n = Number(v);
      if (v === undefined || !Number.isFinite(n) || n < numeric.min || n > numeric.max) throw new Error(`${a} takes a number from ${numeric.min} to ${numeric.max}\n${USAGE}`);
      o[numeric.key] = numeric.whole ? Math.round(n) : n;
      i++;
    } else if (text) {
      if (!v) throw new Error(`${a} takes ${text.takes}\n${USAGE}`);
      o[text.key] = v;
      i++;
    } else if (a === "--no-browser") o.browser = false;
    else if (a === "--build") o.build = true;
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (a !== "--quick") throw new Error(`unknown flag ${a}\n${USAGE}`);
  }
  return o;
}
