import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageSchema, groupSchema } from "@/lib/shared/compliance/schemas";
import { SIM_KEYS } from "@/lib/tools/simulator/keys";
import { startSimulator, type SimulatorHandle } from "@/lib/tools/simulator/server";
import { createLocalLimiter } from "@/lib/server/throttle/local-limiter";
import { createUpstreamClient } from "./client";
import { UpstreamError } from "./errors";

/*
 * An upstream that quotes the key back in its `request-id` header (the simulator's echoKey fault):
 * what the client keeps of the answer, success or error, holds no key, whatever the header says.
 */

const KEY = SIM_KEYS.full;
let sim: SimulatorHandle;
const limiter = createLocalLimiter({ rps: 50 });
const client = () => createUpstreamClient({ baseUrl: sim.url, accessKey: KEY, limiter, timeoutMs: 5000, sleep: async () => {}, singleFlight: false });

beforeAll(async () => {
  sim = await startSimulator({ seed: "request-id", orgs: 1, users: 5, groups: 2 });
});
afterAll(async () => {
  await limiter.stop();
  await sim.close();
});

describe("request ids are scrubbed at the client's boundary", () => {
  it("the simulator's echoKey fault really puts the key in request-id", async () => {
    sim.setFaults([{ kind: "latency", latencyMs: 0, echoKey: true }]);
    const res = await fetch(`${sim.url}/v1/compliance/groups`, { headers: { "x-api-key": KEY } });
    expect(res.headers.get("request-id")).toContain(KEY);
    sim.clearFaults();
  });

  it("a successful answer's request id holds no key", async () => {
    sim.setFaults([{ kind: "latency", latencyMs: 0, echoKey: true }]);
    const a = await client().get("/v1/compliance/groups", {}, pageSchema(groupSchema));
    expect(a.data.data).toHaveLength(2);
    expect(a.requestId).toMatch(/^req_011C[0-9A-Za-z]+-\[redacted key\]$/);
    sim.clearFaults();
  });

  it("an error's request id, message and upstream message hold no key", async () => {
    sim.setFaults([{ kind: "status", status: 500, echoKey: true, headers: { "x-should-retry": "false" } }]);
    const e = await client()
      .get("/v1/compliance/groups", {}, pageSchema(groupSchema))
      .then(
        () => undefined,
        (x: unknown) => x,
      );
    expect(e).toBeInstanceOf(UpstreamError);
    const err = e as UpstreamError;
    expect(err.requestId).toMatch(/\[redacted key\]$/);
    const kept = JSON.stringify({ m: err.message, u: err.upstreamMessage, r: err.requestId });
    expect(kept).not.toContain(KEY);
    expect(kept).not.toMatch(/sk-ant-/);
    sim.clearFaults();
  });
});
