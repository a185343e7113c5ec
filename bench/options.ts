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
  keystrokes: number;
  /** Syncs in the storage measure (issue 9: thirty). */
  storageSyncs: number;
  browser: boolean;
  /** Rebuild the app even when a build exists. */
  build: boolean;
  outDir: string;
}

const FULL = { orgs: 200, users: 200_000, groups: 500, tableRows: 50_000, keystrokes: 20 };
const QUICK = { orgs: 20, users: 20_000, groups: 50, tableRows: 10_000, keystrokes: 10 };

export const USAGE = `npm run bench -- [--quick] [--orgs N] [--users N] [--groups N] [--table-rows N]
                   [--rps N (1..10)] [--rate-per-minute N] [--officers N] [--keystrokes N]
                   [--storage-syncs N] [--seed S] [--no-browser] [--build] [--out DIR]`;

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
  const num = (flag: string, v: string | undefined, min: number, max: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < min || n > max) throw new Error(`${flag} takes a number from ${min} to ${max}\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    switch (a) {
      case "--quick":
        break;
      case "--orgs":
        o.orgs = num(a, v, 1, 20_000);
        i++;
        break;
      case "--users":
        o.users = num(a, v, 0, 2_000_000);
        i++;
        break;
      case "--groups":
        o.groups = num(a, v, 1, 50_000);
        i++;
        break;
      case "--table-rows":
        o.tableRows = num(a, v, 1, 2_000_000);
        i++;
        break;
      case "--rps":
        o.rps = num(a, v, 1, 10);
        i++;
        break;
      case "--rate-per-minute":
        o.ratePerMinute = Math.round(num(a, v, 1, 1_000_000));
        i++;
        break;
      case "--officers":
        o.officers = Math.round(num(a, v, 1, 200));
        i++;
        break;
      case "--keystrokes":
        o.keystrokes = Math.round(num(a, v, 1, 200));
        i++;
        break;
      case "--storage-syncs":
        o.storageSyncs = Math.round(num(a, v, 2, 365));
        i++;
        break;
      case "--seed":
        if (!v) throw new Error(`--seed takes a value\n${USAGE}`);
        o.seed = v;
        i++;
        break;
      case "--out":
        if (!v) throw new Error(`--out takes a folder\n${USAGE}`);
        o.outDir = v;
        i++;
        break;
      case "--no-browser":
        o.browser = false;
        break;
      case "--build":
        o.build = true;
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown flag ${a}\n${USAGE}`);
    }
  }
  return o;
}
