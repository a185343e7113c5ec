import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_DEFAULTS, parseArgs } from "./cli";
import { SIM_KEYS } from "./keys";

const ROOT = path.resolve(__dirname, "../../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const CLI = path.join(ROOT, "lib/tools/simulator/cli.ts");

describe("npm run simulator", () => {
  it("reads its flags, in both --flag value and --flag=value forms", () => {
    expect(parseArgs([])).toEqual({ ...CLI_DEFAULTS });
    expect(parseArgs(["--port", "0", "--orgs=3", "--users", "90", "--groups", "2", "--seed", "s", "--rate-per-minute=60", "--legacy-organizations"])).toEqual({
      port: 0,
      orgs: 3,
      users: 90,
      groups: 2,
      seed: "s",
      ratePerMinute: 60,
      legacyOrganizations: true,
    });
    expect(parseArgs(["--error-revision", "J", "--churn-steps=2", "--churn", "0.05"])).toEqual({ ...CLI_DEFAULTS, errorRevision: "J", initialChurnSteps: 2, churn: 0.05 });
    for (const bad of [["--orgs"], ["--orgs", "x"], ["--users", "-5"], ["--port", "70000"], ["--rate-per-minute", "0"], ["--what"], ["--legacy-organizations=yes"], ["--error-revision", "K"], ["--churn", "2"], ["--churn-steps", "x"]]) {
      expect(() => parseArgs(bad), bad.join(" ")).toThrow();
    }
  });

  it("refuses a bad flag with one line on stderr and exit code 2", () => {
    const r = spawnSync(TSX, [CLI, "--orgs", "many"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual(['simulator: --orgs needs a whole number (got "many") (see --help)']);
  });

  it("serves, prints its URL, the demo key and a summary, and stops cleanly on SIGTERM", async () => {
    const child = spawn(TSX, [CLI, "--port", "0", "--orgs", "2", "--users", "20", "--groups", "1"], { cwd: ROOT });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const deadline = Date.now() + 30_000;
    while (!/\n.*organizations.*\n/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(url).toBeDefined();
    expect(out).toContain(SIM_KEYS.demo);
    expect(out).toMatch(/2 organizations, 20 user memberships, 1 group;/);
    const res = await fetch(`${url}/v1/compliance/organizations`, { headers: { "x-api-key": SIM_KEYS.demo } });
    expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(2);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
