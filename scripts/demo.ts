/*
 * `npm run demo`: build, then run the synthetic Compliance API and the dashboard together.
 * One Ctrl-C stops both. No key is needed: without ANTHROPIC_COMPLIANCE_ACCESS_KEY the app runs
 * in demo mode against the simulator.
 *
 * A new officer should find the Changes page with something in it, so the demo ends with two
 * complete syncs and a change between them: "yesterday's" sync, then 1% churn in the simulator,
 * then "today's". The simulator's churn is deterministic, so a later run on the same DATA_DIR
 * starts the simulator already churned (matching today's sync) and syncs nothing more.
 * PORT (3000) and SIMULATOR_PORT (4010) move the two; DATA_DIR (data) is the app's.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const APP_PORT = Number(process.env.PORT || 3000);
const SIM_PORT = Number(process.env.SIMULATOR_PORT || 4010);
const DATA_DIR = path.resolve(ROOT, process.env.DATA_DIR?.trim() || "data");
const CHURN = 0.01;
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATA_DIR };
delete env.ANTHROPIC_COMPLIANCE_ACCESS_KEY;
delete env.COMPLIANCE_API_BASE_URL;
// The simulator's budget is 600 requests a minute: the demo's syncs may use all of it.
env.COMPLIANCE_RATE_LIMIT_RPS ??= "10";

const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");
const tsxBin = path.join(ROOT, "node_modules/.bin/tsx");

if (!process.argv.includes("--no-build")) {
  console.log("Building the dashboard (next build)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: ROOT, stdio: "inherit", env });
  if (build.status !== 0) {
    console.error("The build failed; see above.");
    process.exit(build.status ?? 1);
  }
}

const children: ChildProcess[] = [];
let stopping = false;
function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of running) c.kill("SIGTERM");
  // The dashboard may first finish a sync's housekeeping (up to 8 s); past 12 s, stop regardless.
  void Promise.all(running.map((c) => new Promise((r) => c.once("exit", r)))).then(() => process.exit(code));
  setTimeout(() => process.exit(code), 12_000).unref();
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

function start(name: string, cmd: string, args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (d: Buffer) => d.toString().split("\n").filter(Boolean).map((l) => `[${name}] ${l}`).join("\n") + "\n";
  child.stdout?.on("data", (d: Buffer) => process.stdout.write(prefix(d)));
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(prefix(d)));
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`${name} stopped (exit ${code}); stopping the demo.`);
      stopAll(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, what: string): Promise<boolean> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  console.error(`${what} did not come up at ${url}`);
  stopAll(1);
  return false;
}

const APP = `http://127.0.0.1:${APP_PORT}`;

interface SyncWire {
  id: string;
  status: "running" | "complete" | "failed" | "cancelled";
  error: { message: string } | null;
}

async function loginCookie(username: string, password: string): Promise<string> {
  const res = await fetch(`${APP}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: APP },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 204) throw new Error(`the demo login was refused (${res.status}): ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

async function listSyncs(cookie: string): Promise<SyncWire[]> {
  const res = await fetch(`${APP}/api/syncs`, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET /api/syncs answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { syncs: SyncWire[] }).syncs;
}

/** Waits for the running sync (the start-up one, or one asked for) to end; answers the syncs then. */
async function settled(cookie: string): Promise<SyncWire[]> {
  for (const deadline = Date.now() + 15 * 60_000; Date.now() < deadline; ) {
    const list = await listSyncs(cookie);
    if (!list.some((s) => s.status === "running")) return list;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("a sync was still running after 15 minutes");
}

async function syncNow(cookie: string, label: string): Promise<void> {
  console.log(`Syncing ${label}…`);
  const res = await fetch(`${APP}/api/syncs`, { method: "POST", headers: { cookie, origin: APP, "content-type": "application/json" }, body: "{}" });
  if (res.status !== 202) throw new Error(`POST /api/syncs answered ${res.status}: ${await res.text()}`);
  const { sync } = (await res.json()) as { sync: SyncWire };
  const ended = (await settled(cookie)).find((s) => s.id === sync.id);
  if (ended?.status !== "complete") throw new Error(`the sync ${sync.id} ended ${ended?.status ?? "missing"}: ${ended?.error?.message ?? ""}`);
}

async function churnSimulator(): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${SIM_PORT}/__simulator/mutate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ churn: CHURN }) });
  if (!res.ok) throw new Error(`the simulator refused the churn (${res.status}): ${await res.text()}`);
}

/** Two complete syncs with a change between them, unless DATA_DIR has them already. */
async function prepareHistory(simulatorChurned: boolean): Promise<void> {
  const { DEMO_USERNAME, DEMO_PASSWORD } = await import("../lib/server/demo-account");
  const cookie = await loginCookie(DEMO_USERNAME, DEMO_PASSWORD);
  let complete = (await settled(cookie)).filter((s) => s.status === "complete").length;
  if (complete >= 2) return;
  if (complete === 0) {
    await syncNow(cookie, "yesterday's directory");
    complete = 1;
  }
  // A changed directory for today (a further churn step when the simulator started churned).
  await churnSimulator();
  await syncNow(cookie, `today's directory (${CHURN * 100}% of it changed since${simulatorChurned ? " the last sync" : " yesterday"})`);
}

(async () => {
  // DATA_DIR already holds a database: the demo ran before, and its newest sync saw one churn step.
  const simulatorChurned = existsSync(path.join(DATA_DIR, "db"));
  start("simulator", tsxBin, ["lib/tools/simulator/cli.ts", "--port", String(SIM_PORT), ...(simulatorChurned ? ["--churn-steps", "1", "--churn", String(CHURN)] : [])]);
  if (!(await waitFor(`http://127.0.0.1:${SIM_PORT}/__simulator/log`, "The simulator"))) return;
  start("app", process.execPath, [nextBin, "start", "-p", String(APP_PORT)], { COMPLIANCE_API_BASE_URL: `http://127.0.0.1:${SIM_PORT}` });
  if (!(await waitFor(`${APP}/api/health`, "The dashboard"))) return;
  try {
    await prepareHistory(simulatorChurned);
  } catch (err) {
    console.error(`The demo's two syncs could not be made: ${err instanceof Error ? err.message : String(err)}`);
    stopAll(1);
    return;
  }
  const { DEMO_USERNAME, DEMO_PASSWORD } = await import("../lib/server/demo-account");
  console.log("");
  console.log(`  Compliance Directory (demo, synthetic data) is running at http://localhost:${APP_PORT}`);
  console.log(`  Log in as  ${DEMO_USERNAME}  /  ${DEMO_PASSWORD}`);
  console.log("  Changes shows what changed between yesterday's sync and today's.");
  console.log("  Ctrl-C stops the dashboard and the simulator.");
  console.log("");
})();
