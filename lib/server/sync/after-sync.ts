import "server-only";
import { config } from "@/lib/server/config";
import type { Database } from "@/lib/server/store/database";
import type { SyncRecord } from "@/lib/server/store/syncs";
import { pruneSyncs } from "@/lib/server/store/retention";

/**
 * Housekeeping once a sync completed: syncs past the retention period go, then the space of the
 * rows a sync ended or staged is made reusable. The embedded PostgreSQL runs no autovacuum (it has
 * no background workers), so without this every sync would leave its dead rows behind for good.
 */
export async function afterSync(database: Database, _sync: SyncRecord): Promise<void> {
  await pruneSyncs(database, { retentionDays: config().syncRetentionDays });
  await database.query("vacuum (analyze) sync_staging, directory_facts, syncs");
}
