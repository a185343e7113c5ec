import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "@/lib/tools/testing/ports";
import { redisServerMissing, startRedisServer } from "@/lib/tools/testing/redis-server";
import { RedisLink, type RedisLinkOptions } from "./link";

/*
 * The one Redis link the cache and the limiter each keep, against a real redis-server: what its
 * owner is told and what the log says. The cache's and the limiter's own suites cover what they
 * do with it during an outage.
 */

const missing = redisServerMissing();
const suite = missing && !process.env.CI ? describe.skip : describe;
const title = missing && !process.env.CI ? `Redis link (skipped: ${missing})` : "Redis link";

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function linkTo(url: string, over: Partial<RedisLinkOptions> = {}) {
  const logs: string[] = [];
  const events: string[] = [];
  const link = new RedisLink({
    url,
    purpose: "link-test",
    name: "Shared thing",
    whileDown: "this instance does it alone until it returns.",
    whenBack: "all instances share it again.",
    log: (line) => logs.push(line),
    onDown: () => events.push("down"),
    onUp: () => events.push("up"),
    firstProbeDelayMs: 50,
    ...over,
  });
  cleanups.push(() => link.close());
  return { link, logs, events };
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

suite(title, () => {
  it("a Redis that refuses at start-up settles the link as down, said once in the owner's words and without the password", async () => {
    const { link, logs, events } = linkTo(`redis://:link-secret@127.0.0.1:${await freePort()}/0`);
    await link.whenSettled();
    expect(link.current()).toBe("down");
    expect(link.usable()).toBe(false);
    expect(events).toEqual(["down"]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^Shared thing unreachable \(Redis at redis:\/\/127\.0\.0\.1:\d+\/0: .+\); this instance does it alone until it returns\.$/);
    expect(logs[0]).not.toContain("link-secret");
  });

  it("the owner's preparation runs each time Redis answers: while it fails the link stays down, and once it succeeds the link is up, said once", async () => {
    const redis = await startRedisServer();
    cleanups.push(() => redis.close());
    let attempts = 0;
    const { link, logs, events } = linkTo(redis.url, {
      prepare: async () => {
        if (++attempts < 3) throw new Error(`not yet (attempt ${attempts})`);
      },
    });
    await waitFor(() => link.usable(), "the link to come up");
    expect(attempts).toBe(3);
    expect(events).toEqual(["down", "up"]);
    expect(logs).toEqual([
      expect.stringMatching(/^Shared thing unreachable \(Redis at redis:\/\/127\.0\.0\.1:\d+: not yet \(attempt 1\)\)/),
      expect.stringMatching(/^Shared thing reachable again \(Redis at redis:\/\/127\.0\.0\.1:\d+\); all instances share it again\.$/),
    ]);
  });

  it("a command that times out on a Redis that hangs takes the link down; a PING brings it back once Redis answers", async () => {
    const redis = await startRedisServer();
    cleanups.push(() => redis.close());
    const { link, logs, events } = linkTo(redis.url);
    await link.whenSettled();
    expect(link.usable()).toBe(true);
    // An error reply is Redis answering, not an outage.
    link.report(Object.assign(new Error("WRONGTYPE Operation against a key holding the wrong kind of value"), { name: "ReplyError" }));
    expect(link.usable()).toBe(true);

    redis.freeze();
    cleanups.push(() => redis.thaw());
    const err = await link.client.get("anything").then(
      () => undefined,
      (e: unknown) => e,
    );
    link.report(err);
    expect(link.current()).toBe("down");
    expect(events).toEqual(["up", "down"]);

    redis.thaw();
    await waitFor(() => link.usable(), "the link to come back");
    expect(events).toEqual(["up", "down", "up"]);
    expect(logs.map((l) => l.split(" (")[0])).toEqual(["Shared thing unreachable", "Shared thing reachable again"]);
  });
});
