import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSimulatedSyncedStore, type SimulatedSyncedStore } from "@/lib/tools/testing/synced-directory";
import { afterSync } from "./after-sync";

/*
 * After a sync of the embedded database, nothing of it is left to replay from the write-ahead log:
 * the last checkpoint's redo point is where the log ends (a restart opens without recovery work).
 */

let synced: SimulatedSyncedStore;

beforeAll(async () => {
  synced = await openSimulatedSyncedStore({ seed: "after-sync", orgUserCounts: [400, 300], groups: 8 });
});

afterAll(() => synced?.close());

/** Bytes of write-ahead log a start would replay: from the last checkpoint's redo point to the end. */
const walToReplay = async () =>
  Number((await synced.database.query<{ n: string }>("select pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::bigint as n from pg_control_checkpoint()"))[0]!.n);

describe("housekeeping after a sync", () => {
  it("leaves the embedded database with no sync to replay at the next start", async () => {
    const sync = await synced.sync();
    expect(await walToReplay()).toBeGreaterThan(256 * 1024);
    await afterSync(synced.database, sync);
    // The checkpoint record itself and the vacuum's last statistics are all that may follow it.
    expect(await walToReplay()).toBeLessThan(16 * 1024);
  });
});
