import { describe, expect, it } from "vitest";
import { createFailedLoginLog } from "./failed-login-log";
import type { SessionAuditEntry } from "./session-audit";

function rig(windowMs = 60_000) {
  let t = 1_700_000_000_000;
  const written: SessionAuditEntry[] = [];
  const log = createFailedLoginLog({ now: () => t, windowMs, write: async (e) => void written.push(e) });
  return { log, written, advance: (ms: number) => (t += ms) };
}

const client = (address: string) => ({ address, socketAddress: address, forwardedFor: "6.6.6.6" });

describe("failed-login log", () => {
  it("a minute of failures from one address for one username is two entries: the first at once, then the count", async () => {
    const { log, written, advance } = rig();
    await log.failed("mallory", client("192.0.2.1"));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ actor: "mallory", action: "login_failed", filters: { attempts: 1 }, client: { forwardedFor: "6.6.6.6" } });
    for (let i = 0; i < 2_399; i++) {
      advance(20);
      await log.failed("Mallory", client("192.0.2.1"));
    }
    expect(written).toHaveLength(1);
    advance(13_000);
    await log.sweep();
    expect(written).toHaveLength(2);
    expect(written[1]!.filters).toMatchObject({ attempts: 2_400 });
    expect(log.open()).toBe(0);
  });

  it("without a sweep, the next failure after the window writes its total and starts a new one", async () => {
    const { log, written, advance } = rig();
    for (let i = 0; i < 3; i++) await log.failed("eve", client("192.0.2.2"));
    advance(61_000);
    await log.failed("eve", client("192.0.2.2"));
    expect(written.map((e) => e.filters?.attempts)).toEqual([1, 3, 1]);
  });

  it("a lone failure is one entry; other addresses and usernames have their own windows", async () => {
    const { log, written, advance } = rig();
    await log.failed("eve", client("192.0.2.2"));
    await log.failed("eve", client("192.0.2.3"));
    await log.failed("bob", client("192.0.2.2"));
    advance(61_000);
    await log.sweep();
    expect(written).toHaveLength(3);
  });
});
