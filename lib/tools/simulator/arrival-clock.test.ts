import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_KEYS, startSimulator, type SimulatorHandle } from "./server";

/*
 * The arrival clock stamps a request when it reaches the simulator's port, not when the
 * simulator's thread gets round to it: a request sent while that thread is held shows in the log
 * at its send time. Requests and bodies pass through unchanged, several on one connection.
 */

let sim: SimulatorHandle;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: "clock", orgUserCounts: [5], groups: 1, arrivalClock: true });
  dir = mkdtempSync(path.join(tmpdir(), "arrival-clock-"));
});
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("arrival clock", () => {
  it("logs a request sent while the simulator's thread is held at the time it was sent", async () => {
    sim.clearLog();
    const sent = path.join(dir, "sent");
    // Another process sends; it writes its send time to a file once the request has left.
    const script = `const t = Date.now(); const p = fetch(${JSON.stringify(`${sim.url}/v1/compliance/organizations`)}, { headers: { "x-api-key": ${JSON.stringify(SIM_KEYS.full)} } }); require("fs").writeFileSync(${JSON.stringify(sent)}, String(t)); p.then((r) => r.text()).then(() => process.exit(0), () => process.exit(1));`;
    const child = spawn(process.execPath, ["-e", script], { stdio: "ignore" });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    // Hold this thread (the simulator's) until the request is out, and 400 ms beyond.
    const deadline = Date.now() + 20_000;
    while (!existsSync(sent) && Date.now() < deadline);
    const sentAt = Number(readFileSync(sent, "utf8"));
    const heldUntil = Date.now() + 400;
    while (Date.now() < heldUntil);
    expect(await exited).toBe(0);
    const [entry] = sim.log();
    expect(entry?.status).toBe(200);
    // Stamped on arrival (a little after sending), not when this thread was free again.
    expect(entry!.t).toBeGreaterThanOrEqual(sentAt);
    expect(entry!.t).toBeLessThan(heldUntil);
  });

  it("passes requests with bodies and several requests on one connection through unchanged", async () => {
    sim.clearLog();
    const mutate = await fetch(`${sim.url}/__simulator/mutate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ churn: 0, step: 1 }) });
    expect(mutate.status).toBe(200);
    expect(((await mutate.json()) as { changes: unknown[] }).changes).toEqual([]);
    const org = sim.directory.organizations[0]!.uuid;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${sim.url}/v1/compliance/organizations/${org}/users?limit=2`, { headers: { "x-api-key": SIM_KEYS.full } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(2);
    }
    const times = sim.log().map((e) => e.t);
    expect(times).toHaveLength(5);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("ignores the header when no clock is in front: a client cannot set its own arrival time", async () => {
    const plain = await startSimulator({ seed: "clock", orgUserCounts: [5], groups: 1 });
    try {
      await (await fetch(`${plain.url}/v1/compliance/organizations`, { headers: { "x-api-key": SIM_KEYS.full, "x-simulator-arrived-at": "1000000000000" } })).text();
      expect(plain.log()[0]!.t).toBeGreaterThan(1_000_000_000_000);
      expect(plain.log()[0]!.t).not.toBe(1_000_000_000_000);
    } finally {
      await plain.close();
    }
  });
});
