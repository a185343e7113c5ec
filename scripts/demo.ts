/*
 * `npm run demo`: build, then run the synthetic Compliance API and the dashboard together.
 * One Ctrl-C stops both. No key is needed: without ANTHROPIC_COMPLIANCE_ACCESS_KEY the app runs
 * in demo mode against the simulator.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const APP_PORT = Number(process.env.PORT || 3000);
const SIM_PORT = 4010;
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete env.ANTHROPIC_COMPLIANCE_ACCESS_KEY;
delete env.COMPLIANCE_API_BASE_URL;

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
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  setTimeout(() => process.exit(code), 1500).unref();
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

async function waitFor(url: string, what: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  console.error(`${what} did not come up at ${url}`);
  stopAll(1);
}

(async () => {
  start("simulator", tsxBin, ["lib/simulator/cli.ts", "--port", String(SIM_PORT)]);
  await waitFor(`http://127.0.0.1:${SIM_PORT}/__simulator/log`, "The simulator");
  start("app", process.execPath, [nextBin, "start", "-p", String(APP_PORT)], { COMPLIANCE_API_BASE_URL: `http://127.0.0.1:${SIM_PORT}` });
  await waitFor(`http://127.0.0.1:${APP_PORT}/api/health`, "The dashboard");
  const { DEMO_USERNAME, DEMO_PASSWORD } = await import("../lib/demo-account");
  console.log("");
  console.log(`  Compliance Directory (demo, synthetic data) is running at http://localhost:${APP_PORT}`);
  console.log(`  Log in as  ${DEMO_USERNAME}  /  ${DEMO_PASSWORD}`);
  console.log("  Ctrl-C stops the dashboard and the simulator.");
  console.log("");
})();
