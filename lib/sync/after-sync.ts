import "server-only";
import { config } from "@/lib/config";
import type { Database } from "@/lib/store/database";
import type { SyncRecord } from "@/lib/store/syncs";
import { pruneSyncs } from "@/lib/store/retention";

/** Housekeeping once a sync completed: syncs past the retention period go. */
export async function afterSync(database: Database, _sync: SyncRecord): Promise<void> {
  await pruneSyncs(database, { retentionDays: config().syncRetentionDays });
}
