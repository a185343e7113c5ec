import "server-only";
import type { Database } from "./database";

/*
 * Retention (COMPLIANCE_SYNC_RETENTION_DAYS): syncs that started longer ago than the period are
 * deleted, and with them every fact version that no remaining complete sync holds. A version ends
 * only at a complete sync, so a version that ended at or before the oldest kept complete sync was
 * true in none of them; everything true at a kept sync stays, and the changes between kept syncs
 * read exactly as before. The newest complete sync is always kept, however old.
 */

export interface PruneResult {
  syncsDeleted: number;
  factsDeleted: number;
}

export async function pruneSyncs(database: Database, opts: { retentionDays: number; now?: Date }): Promise<PruneResult> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - opts.retentionDays * 86_400_000);
  return database.transaction(async (q) => {
    const newest = await q<{ seq: string }>(`select seq from syncs where status = 'complete' order by seq desc limit 1`);
    if (!newest[0]) return { syncsDeleted: 0, factsDeleted: 0 };
    const deleted = await q<{ id: string }>(
      `delete from syncs where started_at < $1 and seq < $2 and status <> 'running' returning id`,
      [cutoff.toISOString(), newest[0].seq],
    );
    if (deleted.length === 0) return { syncsDeleted: 0, factsDeleted: 0 };
    const oldest = await q<{ seq: string }>(`select min(seq) as seq from syncs where status = 'complete'`);
    const facts = await q<{ n: string }>(
      `with gone as (delete from directory_facts where to_seq is not null and to_seq <= $1 returning 1) select count(*) as n from gone`,
      [oldest[0]!.seq],
    );
    return { syncsDeleted: deleted.length, factsDeleted: Number(facts[0]?.n ?? 0) };
  });
}
