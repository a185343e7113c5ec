/*
 * `npm run simulator -- [--port 4010] [--orgs N] [--users N] [--groups N] [--seed S]
 *   [--rate-per-minute N] [--legacy-organizations] [--error-revision current|J]
 *   [--churn-steps N] [--churn F]`: the synthetic Compliance API alone.
 * Loopback only. Prints where it listens, the demo key and what it holds.
 */
import { DEMO_ACCESS_KEY } from "@/lib/server/demo-account";
import { ERROR_REVISIONS, type ErrorRevision } from "./api";
import { DIRECTORY_LIMITS } from "./directory";
import { startSimulator, type SimulatorOptions } from "./server";

const USAGE =
  "usage: npm run simulator -- [--port 4010] [--orgs N] [--users N] [--groups N] [--seed S] [--rate-per-minute N] [--legacy-organizations]" +
  " [--error-revision current|J] [--churn-steps N] [--churn F (0..1, default 0.01)]";

/** Sized for a demo that shows every feature without a long first load. */
export const CLI_DEFAULTS = { port: 4010, orgs: 12, users: 6000, groups: 40, seed: "demo" } as const;

class UsageError extends Error {}

/** What a usage error quotes back: the value given, or that there was none. */
const got = (raw: string | undefined) => (raw === undefined ? "nothing" : `"${raw}"`);

type Options = SimulatorOptions & { port: number };
type WholeKey = { [K in keyof Options]-?: NonNullable<Options[K]> extends number ? K : never }[keyof Options];

/** Options taking a whole number, with their bounds. */
const WHOLE_NUMBER_FLAGS = new Map<string, { key: WholeKey; min: number; max: number }>([
  ["--port", { key: "port", min: 0, max: 65535 }],
  ["--orgs", { key: "orgs", min: 0, max: DIRECTORY_LIMITS.orgs }],
  ["--users", { key: "users", min: 0, max: DIRECTORY_LIMITS.users }],
  ["--groups", { key: "groups", min: 0, max: DIRECTORY_LIMITS.groups }],
  ["--rate-per-minute", { key: "ratePerMinute", min: 1, max: 1_000_000 }],
  ["--churn-steps", { key: "initialChurnSteps", min: 0, max: 1000 }],
]);

function wholeNumber(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || !/^\d+$/.test(raw)) throw new UsageError(`${flag} needs a whole number (got ${got(raw)})`);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`${flag} must be from ${min} to ${max} (got ${n})`);
  return n;
}

export function parseArgs(argv: string[]): Options {
  const opts: Options = { ...CLI_DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    const whole = WHOLE_NUMBER_FLAGS.get(flag);
    if (whole) {
      opts[whole.key] = wholeNumber(flag, value(), whole.min, whole.max);
      continue;
    }
    switch (flag) {
      case "--seed": {
        const s = value();
        if (!s) throw new UsageError("--seed needs a value");
        opts.seed = s;
        break;
      }
      case "--error-revision": {
        const v = value();
        if (!ERROR_REVISIONS.includes(v as ErrorRevision)) throw new UsageError(`--error-revision must be one of ${ERROR_REVISIONS.join(", ")} (got ${got(v)})`);
        opts.errorRevision = v as ErrorRevision;
        break;
      }
      case "--churn": {
        const v = value();
        const n = v !== undefined && /^(0(\.\d+)?|1(\.0+)?)$/.test(v) ? Number(v) : NaN;
        if (Number.isNaN(n)) throw new UsageError(`--churn needs a fraction from 0 to 1 (got ${got(v)})`);
        opts.churn = n;
        break;
      }
      case "--legacy-organizations":
        if (eq > 0) throw new UsageError("--legacy-organizations takes no value");
        opts.legacyOrganizations = true;
        break;
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  return opts;
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return;
  }
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`simulator: ${e.message} (see --help)`);
      process.exit(2);
    }
    throw e;
  }

  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator(opts);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "EADDRINUSE" ? `port ${opts.port} is in use; pick another with --port` : err.message;
    console.error(`simulator: ${why}`);
    process.exit(err instanceof RangeError ? 2 : 1);
  }

  const d = sim.directory;
  const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
  console.log(`Compliance API simulator listening on ${sim.url}`);
  console.log(`Demo key (x-api-key): ${DEMO_ACCESS_KEY}`);
  console.log(
    `${count(d.organizations.length, "organization", "organizations")}, ${count(d.totalMemberships, "user membership", "user memberships")}, ` +
      `${count(d.groups.length, "group", "groups")}; seed "${d.seed}"; ${sim.ratePerMinute} requests/minute; ` +
      `organizations ${sim.legacyOrganizations ? "unpaginated (legacy, 500 beyond 1,000)" : "paginated"}; ` +
      `${sim.errorRevision === "J" ? "revision J's" : "today's"} error forms` +
      (d.version > 0 ? `; ${d.version} churn step${d.version === 1 ? "" : "s"} applied` : ""),
  );
  console.log(`Change the directory: curl -X POST ${sim.url}/__simulator/mutate -H 'content-type: application/json' -d '{"churn":0.01}'`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && /cli\.[cm]?[jt]s$/.test(process.argv[1])) void main();
