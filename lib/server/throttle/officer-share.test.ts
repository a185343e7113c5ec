import { describe, expect, it } from "vitest";
import { createOfficerShare, releaseWhenSent } from "./officer-share";

function clock() {
  let t = 1_700_000_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

async function refusal(fn: () => unknown): Promise<{ status: number; retryAfter: number; type: string }> {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof Response)) throw e;
    const body = (await e.json()) as { error: { type: string } };
    return { status: e.status, retryAfter: Number(e.headers.get("retry-after")), type: body.error.type };
  }
  throw new Error("expected a refusal");
}

describe("officer share", () => {
  it("an officer's upstream calls come out of a bucket of half a minute's allowance, refilled over time", async () => {
    const c = clock();
    const share = createOfficerShare({ upstreamPerMinute: 20, concurrent: 100, now: c.now });
    for (let i = 0; i < 10; i++) share.admitUpstream("alice", `k${i}`)();
    expect(await refusal(() => share.admitUpstream("alice", "k-next"))).toEqual({ status: 429, retryAfter: 3, type: "officer_share_exceeded" });
    // Another officer has a bucket of their own.
    share.admitUpstream("bob", "k0")();
    c.advance(3_000);
    share.admitUpstream("alice", "k-later")();
  });

  it("at most `concurrent` calls and jobs at once per officer; a release gives the slot back", async () => {
    const share = createOfficerShare({ upstreamPerMinute: 600, concurrent: 2, now: clock().now });
    const first = share.admitUpstream("alice", "a");
    const job = share.admitWork("alice", "the users export");
    expect(job).toBeTypeOf("function");
    expect((await refusal(() => share.admitUpstream("alice", "k-next"))).status).toBe(429);
    const refusedJob = share.admitWork("alice", "the users export");
    expect(refusedJob).toBeInstanceOf(Response);
    expect(((await (refusedJob as Response).json()) as { error: { message: string } }).error.message).toMatch(/users export cannot start/);
    share.admitUpstream("bob", "k0")();
    first();
    first(); // twice is once
    expect(share.inFlight("alice")).toBe(1);
    share.admitUpstream("alice", "k-later")();
  });

  it("an officer's requests for a call they already have in flight join it at no cost", async () => {
    const share = createOfficerShare({ upstreamPerMinute: 2, concurrent: 1, now: clock().now });
    const leaves = Array.from({ length: 20 }, () => share.admitUpstream("alice", "/v1/compliance/organizations"));
    expect(share.inFlight("alice")).toBe(1);
    expect((await refusal(() => share.admitUpstream("alice", "/v1/compliance/groups"))).status).toBe(429);
    for (const leave of leaves.slice(1)) leave();
    expect(share.inFlight("alice")).toBe(1);
    leaves[0]!();
    expect(share.inFlight("alice")).toBe(0);
  });

  it("a refresh of one resource is allowed once per interval per officer", () => {
    const c = clock();
    const share = createOfficerShare({ upstreamPerMinute: 600, concurrent: 8, refreshIntervalMs: 10_000, now: c.now });
    expect(share.admitRefresh("alice", "groups")).toBeUndefined();
    expect(share.admitRefresh("alice", "groups")?.headers.get("retry-after")).toBe("10");
    expect(share.admitRefresh("alice", "organizations")).toBeUndefined();
    expect(share.admitRefresh("bob", "groups")).toBeUndefined();
    c.advance(10_000);
    expect(share.admitRefresh("alice", "groups")).toBeUndefined();
  });

  it("a streamed answer holds its slot until it is read to the end, or cancelled", async () => {
    let released = 0;
    const read = releaseWhenSent(new Response("a,b\n1,2\n"), () => released++);
    expect(released).toBe(0);
    expect(await read.text()).toBe("a,b\n1,2\n");
    expect(released).toBe(1);
    const cancelled = releaseWhenSent(new Response(new ReadableStream({ pull: () => undefined })), () => released++);
    await cancelled.body!.cancel();
    expect(released).toBe(2);
    releaseWhenSent(new Response(null, { status: 204 }), () => released++);
    expect(released).toBe(3);
    // A body nobody reads (a HEAD answer) gives the slot back after a while.
    releaseWhenSent(new Response("unread"), () => released++, 20);
    await new Promise((r) => setTimeout(r, 60));
    expect(released).toBe(4);
  });
});
