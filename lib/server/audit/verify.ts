import "server-only";
import type { Database } from "@/lib/server/store/database";
import { chainHash, GENESIS_HASH } from "./chain";
import { ENTRY_COLUMNS, entryOf, type EntryRow } from "./db-store";

/*
 * Walks the whole audit chain, oldest first, and reports the first place it breaks:
 * - an entry whose hash does not match its content was changed after it was written;
 * - an entry between two that link to each other was inserted (whatever its own hash says);
 * - an entry that is whole but links to something no longer there: entries before it were removed;
 * - the head (the last link every append records) not matching the last entry: the newest
 *   entries were removed, or one was added after them by hand.
 * Someone able to rewrite the table AND recompute every hash after the change is not caught by
 * this alone; a copy of the head hash kept elsewhere (the verify line, printed) catches that.
 */

export type ChainProblemKind = "changed" | "inserted" | "removed" | "truncated";

export interface ChainEntryRef {
  seq: number;
  id: string;
  at: string;
  actor: string;
  action: string;
}

export type ChainVerdict =
  | { ok: true; entries: number; head: string; message: string }
  | { ok: false; entries: number; kind: ChainProblemKind; entry: ChainEntryRef | null; message: string };

const BATCH = 1000;

async function* rowsOf(database: Database): AsyncGenerator<EntryRow> {
  let after = 0;
  for (;;) {
    const rows = await database.query<EntryRow>(`select ${ENTRY_COLUMNS} from audit_entries where seq > $1 order by seq limit ${BATCH}`, [after]);
    yield* rows;
    if (rows.length < BATCH) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

const refOf = (r: EntryRow): ChainEntryRef => ({ seq: Number(r.seq), id: r.id, at: r.at, actor: r.actor, action: r.action });
const describe = (r: EntryRow) => `entry #${Number(r.seq)} (${r.action} by ${JSON.stringify(r.actor.slice(0, 80))} at ${r.at}, id ${r.id})`;

export async function verifyAuditChain(database: Database): Promise<ChainVerdict> {
  const [head] = await database.query<{ seq: string | number; hash: string; entries: string | number }>("select seq, hash, entries from audit_chain_head where id = 1");
  const headSeq = head ? Number(head.seq) : 0;
  const headHash = head?.hash ?? GENESIS_HASH;

  let expected = GENESIS_HASH;
  let checked = 0;
  let last: EntryRow | undefined;
  const broken = (kind: ChainProblemKind, r: EntryRow | null, message: string): ChainVerdict => ({ ok: false, entries: checked, kind, entry: r ? refOf(r) : null, message });

  const it = rowsOf(database)[Symbol.asyncIterator]();
  let next = await it.next();
  while (!next.done) {
    const r = next.value;
    const after = await it.next();
    // Every append moves the head; a row beyond it was not appended.
    if (Number(r.seq) > headSeq) return broken("inserted", r, `Audit log tampered with: ${describe(r)} was inserted after the last recorded entry.`);
    const whole = chainHash(r.prev_hash, entryOf(r)) === r.hash;
    const links = r.prev_hash === expected;
    if (!whole || !links) {
      const nextLinksOver = !after.done && after.value.prev_hash === expected;
      if (nextLinksOver) return broken("inserted", r, `Audit log tampered with: ${describe(r)} was inserted; the entry after it links to the one before it.`);
      if (!whole) return broken("changed", r, `Audit log tampered with: ${describe(r)} was changed after it was written.`);
      // Whole, and linked to what the previous entry links to: the previous one was slipped in between.
      if (last && r.prev_hash === last.prev_hash) {
        checked--;
        return broken("inserted", last, `Audit log tampered with: ${describe(last)} was inserted; the entry after it links to the one before it.`);
      }
      return broken("removed", r, `Audit log tampered with: one or more entries before ${describe(r)} were removed.`);
    }
    expected = r.hash;
    checked++;
    last = r;
    next = after;
  }
  if (expected !== headHash) {
    const where = last ? `after ${describe(last)}` : "(the log is empty)";
    return broken("truncated", null, `Audit log tampered with: the newest entries ${where} were removed; the log recorded ${Number(head?.entries ?? 0)} entries, ${checked} are left.`);
  }
  return {
    ok: true,
    entries: checked,
    head: headHash,
    message: checked === 0 ? "Audit log intact: no entries yet." : `Audit log intact: ${checked} entries, each linked to the one before; newest ${describe(last!)}, chain head ${headHash}.`,
  };
}
