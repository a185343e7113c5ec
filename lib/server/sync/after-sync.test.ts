import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "@/lib/tools/simulator/server";
import { openSyncedStore, type SyncedStore } from "@/lib/tools/testing/synced-directory";
import { LocalLimiter } from "@/lib/server/throttle/local-limiter";
import { createUpstreamClient } from "@/lib/server/upstream/client";
import { afterSync } from "./after-sync";

/*
 * After a sync of the embedded database, nothing of it is left to replay from the write-ahead log:
 * the last checkpoint's redo point is where the log ends (a restart opens without recovery work).
 */

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let synced: SyncedStore;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: "after-sync", orgUserCounts: [400, 300], groups: 8, ratePerMinute: 60_000 });
  const client = createUpstreamClient({ baseUrl: sim.url, accessKey: sim.keys.full, limiter: new LocalLimiter({ rps: 500 }), timeoutMs: 10_000, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
  synced = await openSyncedStore(client);
});

afterAll(async () => {
  await synced?.close();
  await sim?.close();
});

/** Bytes of write-ahead log a start would replay: from the last checkpoint's redo point to the end. */
const walToReplay = async () =>
  Number((await synced.database.query<{ n: string }>("select pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::bigint as n from pg_control_checkpoint()"))[0]!.n);

describe("housekeeping after a sync", () => {
  it("leaves the embedded database with no sync to replay at the next start", async () => {
    const sync = await synced.sync();
    const before = await walToReplay();
    expect(before).toBeGreaterThan(256 * 1024);
    await afterSync(synced.database, sync);
    // The checkpoint record itself and the vacuum's last statistics are all that may follow it.
    expect(await walToReplay()).toBeLessThan(16 * 1024);
  });
});
