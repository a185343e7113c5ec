import { describe, expect, it } from "vitest";
import { createLoginThrottle, type ThrottleDecision } from "./login-throttle";

const MINUTE = 60_000;

function clock() {
  let t = 1_700_000_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** n failed attempts: begin, and (being wrong) never succeeded. */
function fail(throttle: ReturnType<typeof createLoginThrottle>, username: string, address: string, n: number): ThrottleDecision[] {
  return Array.from({ length: n }, () => throttle.begin(username, address));
}

describe("login throttle", () => {
  it("five failures for one username in 15 minutes lock it for 15 minutes, with a retry-after", () => {
    const c = clock();
    const throttle = createLoginThrottle({ now: c.now });
    const attempts = fail(throttle, "alice", "10.0.0.1", 5);
    expect(attempts.every((d) => d.allowed)).toBe(true);
    // The fifth is the one that starts the lock, and says so (the audit log records it).
    expect(attempts.map((d) => d.allowed && d.locks)).toEqual([false, false, false, false, true]);

    const refused = throttle.begin("alice", "10.0.0.2");
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 });

    c.advance(10 * MINUTE);
    expect(throttle.begin("alice", "10.0.0.3")).toEqual({ allowed: false, retryAfterSeconds: 5 * 60 });
    c.advance(5 * MINUTE);
    expect(throttle.begin("alice", "10.0.0.3").allowed).toBe(true);
  });

  it("each failure makes the next attempt slower before any refusal", () => {
    const throttle = createLoginThrottle({ now: clock().now });
    const delays = fail(throttle, "bob", "10.0.0.1", 5).map((d) => (d.allowed ? d.delayMs : -1));
    expect(delays[0]).toBe(0);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]!);
  });

  it("failures older than the window no longer count", () => {
    const c = clock();
    const throttle = createLoginThrottle({ now: c.now });
    fail(throttle, "carol", "10.0.0.1", 4);
    c.advance(16 * MINUTE);
    expect(fail(throttle, "carol", "10.0.0.1", 4).every((d) => d.allowed)).toBe(true);
    expect(throttle.begin("carol", "10.0.0.1").allowed).toBe(true);
  });

  it("a success resets the username's counter", () => {
    const throttle = createLoginThrottle({ now: clock().now });
    fail(throttle, "dave", "10.0.0.1", 4);
    expect(throttle.begin("dave", "10.0.0.1").allowed).toBe(true); // the right password this time
    throttle.succeeded("dave", "10.0.0.1");
    expect(fail(throttle, "dave", "10.0.0.1", 5).every((d) => d.allowed)).toBe(true);
    expect(throttle.begin("dave", "10.0.0.1").allowed).toBe(false);
  });

  it("usernames differing only in case or spaces share one counter", () => {
    const throttle = createLoginThrottle({ now: clock().now });
    fail(throttle, "Erin", "10.0.0.1", 3);
    fail(throttle, " erin ", "10.0.0.2", 2);
    expect(throttle.begin("ERIN", "10.0.0.3").allowed).toBe(false);
  });

  it("one address spraying many usernames is refused too, and a valid account does not reset it", () => {
    const throttle = createLoginThrottle({ now: clock().now, perAddress: { maxFailures: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE } });
    for (let i = 0; i < 19; i++) expect(throttle.begin(`user${i}`, "203.0.113.9").allowed).toBe(true);
    // The guesser logs in with an account they hold: that attempt is given back, the 19 stay.
    expect(throttle.begin("mine", "203.0.113.9").allowed).toBe(true);
    throttle.succeeded("mine", "203.0.113.9");
    expect(throttle.begin("user19", "203.0.113.9").allowed).toBe(true);
    const refused = throttle.begin("user20", "203.0.113.9");
    expect(refused.allowed).toBe(false);
    // Another officer elsewhere is unaffected.
    expect(throttle.begin("user20", "198.51.100.7").allowed).toBe(true);
  });

  it("parallel guesses are counted as they start, so a burst cannot outrun the lock", () => {
    const throttle = createLoginThrottle({ now: clock().now });
    // Nobody has answered yet: no succeeded() or failure report between these.
    const burst = fail(throttle, "frank", "10.0.0.1", 50);
    expect(burst.filter((d) => d.allowed)).toHaveLength(5);
  });

  it("memory stays bounded under a flood of distinct usernames and addresses", () => {
    const throttle = createLoginThrottle({ now: clock().now, maxKeys: 100 });
    for (let i = 0; i < 5_000; i++) throttle.begin(`name${i}`, `10.0.${i >> 8}.${i & 255}`);
    const size = throttle.size();
    expect(size.usernames).toBeLessThanOrEqual(100);
    expect(size.addresses).toBeLessThanOrEqual(100);
  });

  it("a locked username survives a flood while unlocked counters are evicted first", () => {
    const throttle = createLoginThrottle({ now: clock().now, maxKeys: 50 });
    fail(throttle, "target", "10.9.9.9", 5);
    for (let i = 0; i < 200; i++) throttle.begin(`spray${i}`, `10.1.${i >> 8}.${i & 255}`);
    expect(throttle.begin("target", "10.2.2.2").allowed).toBe(false);
  });
});
