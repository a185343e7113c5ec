import { describe, expect, it } from "vitest";
import { createLoginThrottle, type ThrottleDecision } from "./login-throttle";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

function clock() {
  let t = 1_700_000_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** n failed attempts: begin, and (being wrong) never succeeded. */
function fail(throttle: ReturnType<typeof createLoginThrottle>, username: string, address: string, n: number): ThrottleDecision[] {
  return Array.from({ length: n }, () => throttle.begin(username, address));
}

describe("login throttle", () => {
  it("past three free failures, each failure of a username from one client doubles that pair's wait", () => {
    const c = clock();
    const throttle = createLoginThrottle({ now: c.now });
    expect(fail(throttle, "alice", "10.0.0.1", 3).every((d) => d.allowed)).toBe(true);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const refused = throttle.begin("alice", "10.0.0.1");
      expect(refused.allowed).toBe(false);
      const seconds = refused.allowed ? 0 : refused.retryAfterSeconds;
      waits.push(seconds);
      c.advance(seconds * SECOND);
      expect(throttle.begin("alice", "10.0.0.1").allowed).toBe(true);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16]);
  });

  it("never locks the officer out: the right password from another client goes straight in", () => {
    const throttle = createLoginThrottle({ now: clock().now });
    // An attacker hammers the officer's name from one address for as long as they like.
    fail(throttle, "Alice", "203.0.113.9", 200);
    expect(throttle.begin("Alice", "203.0.113.9").allowed).toBe(false);
    expect(throttle.begin("alice", "198.51.100.7")).toEqual({ allowed: true });
    throttle.succeeded("alice", "198.51.100.7");
  });

  it("a refused attempt costs nothing and does not lengthen the wait", () => {
    const c = clock();
    const throttle = createLoginThrottle({ now: c.now });
    fail(throttle, "bob", "10.0.0.1", 4);
    const first = throttle.begin("bob", "10.0.0.1");
    for (let i = 0; i < 50; i++) throttle.begin("bob", "10.0.0.1");
    expect(throttle.begin("bob", "10.0.0.1")).toEqual(first);
  });

  it("failures older than 15 minutes are forgotten", () => {
    const c = clock();
    const throttle = createLoginThrottle({ now: c.now });
    fail(throttle, "carol", "10.0.0.1", 3);
    c.advance(16 * MINUTE);
    expect(fail(throttle, "carol", "10.0.0.1", 3).every((d) => d.allowed)).toBe(true);
    expect(throttle.begin("carol", "10.0.0.1").allowed).toBe(false);
  });

  it("a success resets its pair", () => {
    const throttle = createLoginThrottle({ now: clock().now });
    fail(throttle, "dave", "10.0.0.1", 2);
    expect(throttle.begin("dave", "10.0.0.1").allowed).toBe(true); // the right password this time
    throttle.succeeded("dave", "10.0.0.1");
    expect(fail(throttle, "dave", "10.0.0.1", 3).every((d) => d.allowed)).toBe(true);
    expect(throttle.begin("dave", "10.0.0.1").allowed).toBe(false);
  });

  it("usernames differing only in case or spaces are one pair", () => {
    const throttle = createLoginThrottle({ now: clock().now });
    fail(throttle, "Erin", "10.0.0.1", 2);
    fail(throttle, " erin ", "10.0.0.1", 1);
    expect(throttle.begin("ERIN", "10.0.0.1").allowed).toBe(false);
  });

  it("one address spraying many usernames slows down too, and a valid account does not reset it", () => {
    const throttle = createLoginThrottle({ now: clock().now });
    for (let i = 0; i < 9; i++) expect(throttle.begin(`user${i}`, "203.0.113.9").allowed).toBe(true);
    // The guesser logs in with an account they hold: that attempt is given back, the 9 stay.
    expect(throttle.begin("mine", "203.0.113.9").allowed).toBe(true);
    throttle.succeeded("mine", "203.0.113.9");
    expect(throttle.begin("user9", "203.0.113.9").allowed).toBe(true);
    const refused = throttle.begin("user10", "203.0.113.9");
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Another officer elsewhere is unaffected.
    expect(throttle.begin("user10", "198.51.100.7").allowed).toBe(true);
  });

  it("parallel guesses are counted as they start, so a burst cannot outrun the delay", () => {
    const throttle = createLoginThrottle({ now: clock().now });
    // Nobody has answered yet: no succeeded() or failure report between these.
    const burst = fail(throttle, "frank", "10.0.0.1", 50);
    expect(burst.filter((d) => d.allowed)).toHaveLength(3);
  });

  it("memory stays bounded under a flood of distinct usernames and addresses", () => {
    const throttle = createLoginThrottle({ now: clock().now, maxKeys: 100 });
    for (let i = 0; i < 5_000; i++) throttle.begin(`name${i}`, `10.0.${i >> 8}.${i & 255}`);
    const size = throttle.size();
    expect(size.pairs).toBeLessThanOrEqual(100);
    expect(size.addresses).toBeLessThanOrEqual(100);
  });

  it("a waiting pair survives a flood while counters not waiting are evicted first", () => {
    const throttle = createLoginThrottle({ now: clock().now, maxKeys: 50 });
    fail(throttle, "target", "10.9.9.9", 10);
    for (let i = 0; i < 200; i++) throttle.begin(`spray${i}`, `10.1.${i >> 8}.${i & 255}`);
    expect(throttle.begin("target", "10.9.9.9").allowed).toBe(false);
  });
});
