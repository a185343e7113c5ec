import { spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./ports";

/*
 * A throwaway PostgreSQL cluster for tests (FACTS.md): initdb into a temporary folder, loopback only,
 * a free port, trust authentication, a database of the test's own. PostgreSQL refuses to run as
 * root, so as root the cluster runs as the `postgres` user Debian's package creates. stop()/start()
 * take the same cluster down and up again, for outage tests. `.ci/run` and `npm test` install
 * Debian's `postgresql` (15) when it is missing.
 */

/** POSTGRES_BIN_DIR, or the newest Debian installation (/usr/lib/postgresql/15/bin on Debian 12). */
export const POSTGRES_BIN_DIR = process.env.POSTGRES_BIN_DIR || debianBinDir();

function debianBinDir(): string {
  const root = "/usr/lib/postgresql";
  let versions: number[] = [];
  try {
    versions = readdirSync(root).map(Number).filter((v) => Number.isInteger(v) && existsSync(path.join(root, String(v), "bin", "initdb")));
  } catch {
    // not installed
  }
  return path.join(root, String(versions.length ? Math.max(...versions) : 15), "bin");
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresMissing(): string | undefined {
  if (!existsSync(path.join(POSTGRES_BIN_DIR, "initdb"))) {
    return `PostgreSQL not found in ${POSTGRES_BIN_DIR}: install it with \`apt-get install -y postgresql\` (.ci/run and npm test do when run as root), or point POSTGRES_BIN_DIR at its bin folder`;
  }
  if (isRoot() && !hasPostgresUser()) return "running as root but there is no `postgres` user to run PostgreSQL as (Debian's postgresql package creates it)";
  return undefined;
}

function hasPostgresUser(): boolean {
  return spawnSync("id", ["-u", "postgres"], { stdio: "ignore" }).status === 0;
}

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:PORT/DATABASE of the database made at start. */
  url: string;
  port: number;
  /** A further empty database on the same cluster; answers its URL. */
  createDatabase(name: string): Promise<string>;
  /** A clean, fast shutdown (`pg_ctl stop -m fast`): every connection is cut. */
  stop(): Promise<void>;
  /** Starts the stopped cluster again on the same port, with its data. */
  start(): Promise<void>;
  /** The server log so far, for failure messages. */
  output(): string;
  /** Stops the cluster and removes its folder. */
  close(): Promise<void>;
}

interface Run {
  code: number | null;
  out: string;
}

function run(bin: string, args: string[], timeoutMs = 60_000): Promise<Run> {
  const file = path.join(POSTGRES_BIN_DIR, bin);
  // As root, run as `postgres`: initdb and postgres refuse root.
  const [cmd, argv] = isRoot() ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LANG: "C", LC_ALL: "C" } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const t = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(t);
      resolve({ code, out });
    });
  });
}

async function must(bin: string, args: string[], what: string, log: () => string): Promise<void> {
  const r = await run(bin, args);
  if (r.code !== 0) throw new Error(`${what} failed (${bin} exited ${r.code}):\n${r.out}\n${log()}`);
}

const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function startPostgresServer(opts: { database?: string } = {}): Promise<PostgresServer> {
  const missing = postgresMissing();
  if (missing) throw new Error(missing);
  const database = opts.database ?? "app";
  if (!SAFE_NAME.test(database)) throw new Error(`database name ${database} is not a plain identifier`);

  const dir = mkdtempSync(path.join(tmpdir(), "pg-test-"));
  if (isRoot()) {
    const uid = Number(spawnSync("id", ["-u", "postgres"]).stdout.toString().trim());
    const gid = Number(spawnSync("id", ["-g", "postgres"]).stdout.toString().trim());
    chownSync(dir, uid, gid);
  }
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "log");
  const log = () => {
    try {
      return readFileSync(logFile, "utf8").slice(-8_000);
    } catch {
      return "";
    }
  };

  // Left running if the test process dies: end it with the process (synchronously, it is exiting).
  const onExit = () => {
    const file = path.join(POSTGRES_BIN_DIR, "pg_ctl");
    const args = ["-D", dataDir, "stop", "-m", "immediate"];
    spawnSync(isRoot() ? "runuser" : file, isRoot() ? ["-u", "postgres", "--", file, ...args] : args, { stdio: "ignore", timeout: 10_000 });
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await must("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"], "initdb", log);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  let port = 0;
  const startOn = (p: number) =>
    run("pg_ctl", [
      "-D", dataDir,
      "-o", `-p ${p} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=100`,
      "-l", logFile,
      "-w", "-t", "30",
      "start",
    ]);
  // The free port can be taken between probing and binding; try a few.
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    const r = await startOn(port);
    if (r.code === 0) break;
    if (attempt >= 2) {
      onExit();
      throw new Error(`pg_ctl start failed:\n${r.out}\n${log()}`);
    }
  }
  // Also when the run is interrupted (Ctrl-C, a runner's SIGTERM): stop the cluster, then let the
  // signal do what it would have done.
  const onSignal = (signal: NodeJS.Signals) => {
    forget();
    onExit();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  const forget = () => {
    process.removeListener("exit", onExit);
    for (const sig of signals) process.removeListener(sig, onSignal);
  };
  process.once("exit", onExit);
  for (const sig of signals) process.once(sig, onSignal);

  const urlOf = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const createDatabase = async (name: string) => {
    if (!SAFE_NAME.test(name)) throw new Error(`database name ${name} is not a plain identifier`);
    await must("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", name], `createdb ${name}`, log);
    return urlOf(name);
  };

  try {
    await createDatabase(database);
  } catch (err) {
    forget();
    onExit();
    throw err;
  }

  let running = true;
  return {
    url: urlOf(database),
    port,
    createDatabase,
    output: log,
    async stop() {
      if (!running) return;
      await must("pg_ctl", ["-D", dataDir, "stop", "-m", "fast", "-w", "-t", "30"], "pg_ctl stop", log);
      running = false;
    },
    async start() {
      if (running) return;
      const r = await startOn(port);
      if (r.code !== 0) throw new Error(`pg_ctl start (again, port ${port}) failed:\n${r.out}\n${log()}`);
      running = true;
    },
    async close() {
      forget();
      if (running) await run("pg_ctl", ["-D", dataDir, "stop", "-m", "immediate", "-w", "-t", "30"]);
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}


/** Runs one statement on its own connection, as an operator at a psql prompt would; the rows it answers. */
export async function runSql<T = Record<string, unknown>>(url: string, text: string): Promise<T[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}
