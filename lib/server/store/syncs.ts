import "server-only";
import { randomBytes } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Database } from "./database";
import type { Fact } from "./facts";
import type { SyncCounts, SyncProgress, SyncStatus } from "./schema/directory";

/*
 * The syncs repository: the only code that writes the syncs and their facts. Every state change is
 * one statement or one transaction, so a crash leaves either the old state or the new one.
 *
 * Never two syncs at once, on any instance: a partial unique index admits one `running` row. A
 * running sync's process renews `heartbeat_at`; one that stops renewing (killed, crashed, cut off
 * from the database) is failed by whoever next wants to start a sync, and its staged rows go.
 */

/** Why a sync did not complete; `request_id` names the upstream request that failed, when one did. */
export interface SyncError {
  type: string;
  message: string;
  request_id?: string;
}

export interface SyncRecord {
  id: string;
  seq: number;
  status: SyncStatus;
  trigger: string;
  requestedBy: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  heartbeatAt: Date;
  holder: string;
  counts: SyncCounts | null;
  progress: SyncProgress | null;
  upstreamCalls: number;
  sha256: string | null;
  error: SyncError | null;
}

/** A running sync whose heartbeat is older than this belongs to a process that is gone. */
export const STALE_AFTER_MS = 60_000;

const SYNC_ID_RE = /^sync_[0-9a-z]{8,16}_[0-9a-f]{12}$/;
export const isSyncId = (s: string): boolean => SYNC_ID_RE.test(s);

export function newSyncId(now = Date.now()): string {
  return `sync_${now.toString(36)}_${randomBytes(6).toString("hex")}`;
}

interface Row {
  id: string;
  seq: string | number;
  status: SyncStatus;
  trigger: string;
  requested_by: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
  heartbeat_at: Date | string;
  holder: string;
  counts: SyncCounts | null;
  progress: SyncProgress | null;
  upstream_calls: number;
  sha256: string | null;
  error: { type: string; message: string } | null;
}

const COLUMNS = "id, seq, status, trigger, requested_by, started_at, finished_at, heartbeat_at, holder, counts, progress, upstream_calls, sha256, error";

const date = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

function fromRow(r: Row): SyncRecord {
  return {
    id: r.id,
    seq: Number(r.seq),
    status: r.status,
    trigger: r.trigger,
    requestedBy: r.requested_by,
    startedAt: date(r.started_at),
    finishedAt: r.finished_at === null ? null : date(r.finished_at),
    heartbeatAt: date(r.heartbeat_at),
    holder: r.holder,
    counts: r.counts,
    progress: r.progress,
    upstreamCalls: r.upstream_calls,
    sha256: r.sha256,
    error: r.error,
  };
}

export interface StartRequest {
  trigger: "schedule" | "start" | "request" | "first";
  requestedBy?: string;
  holder: string;
}

export type StartResult = { started: true; sync: SyncRecord } | { started: false; sync: SyncRecord };

export interface SyncRepositoryOptions {
  /** A running sync not renewed for this long is failed by the next starter (COMPLIANCE_SYNC_STALE_SECONDS). */
  staleAfterMs?: number;
  /** Current facts read at once by openFactHashes (tests make it small to cross pages). */
  openFactsPage?: number;
}

/** Rows per staging insert. */
const STAGE_BATCH = 100;

export function syncRepository(database: Database, opts: SyncRepositoryOptions = {}) {
  const q = database.query.bind(database);
  const staleWindowMs = opts.staleAfterMs ?? STALE_AFTER_MS;
  const openFactsPage = opts.openFactsPage ?? OPEN_FACTS_PAGE;

  async function get(id: string): Promise<SyncRecord | null> {
    if (!isSyncId(id)) return null;
    const rows = await q<Row>(`select ${COLUMNS} from syncs where id = $1`, [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** Fails running syncs whose process stopped renewing them, and deletes what they staged. */
  async function reapStale(staleAfterMs = staleWindowMs): Promise<SyncRecord[]> {
    const rows = await q<Row>(
      `update syncs set status = 'failed', finished_at = now(),
         error = jsonb_build_object('type', 'interrupted', 'message', 'The process running this sync stopped before it finished; the previous complete sync stayed current.')
       where status = 'running' and heartbeat_at < now() - ($1::double precision * interval '1 millisecond')
       returning ${COLUMNS}`,
      [staleAfterMs],
    );
    for (const r of rows) await q(`delete from sync_staging where sync_id = $1`, [r.id]);
    return rows.map(fromRow);
  }

  return {
    get,
    reapStale,

    /** Starts a sync unless one is running anywhere; then answers that one. */
    async start(req: StartRequest): Promise<StartResult> {
      await reapStale();
      for (let attempt = 0; attempt < 3; attempt++) {
        const inserted = await q<Row>(
          `insert into syncs (id, status, trigger, requested_by, holder) values ($1, 'running', $2, $3, $4)
           on conflict do nothing returning ${COLUMNS}`,
          [newSyncId(), req.trigger, req.requestedBy ?? null, req.holder],
        );
        if (inserted[0]) return { started: true, sync: fromRow(inserted[0]) };
        const running = await q<Row>(`select ${COLUMNS} from syncs where status = 'running'`);
        if (running[0]) return { started: false, sync: fromRow(running[0]) };
        // It finished between our insert and our look: try again.
      }
      throw new Error("could not start or find a running sync");
    },

    async running(): Promise<SyncRecord | null> {
      const rows = await q<Row>(`select ${COLUMNS} from syncs where status = 'running'`);
      return rows[0] ? fromRow(rows[0]) : null;
    },

    /** Newest first. */
    async list(limit = 200): Promise<SyncRecord[]> {
      const rows = await q<Row>(`select ${COLUMNS} from syncs order by seq desc limit $1`, [limit]);
      return rows.map(fromRow);
    },

    async newestComplete(): Promise<SyncRecord | null> {
      const rows = await q<Row>(`select ${COLUMNS} from syncs where status = 'complete' order by seq desc limit 1`);
      return rows[0] ? fromRow(rows[0]) : null;
    },

    /** The newest complete sync that finished at or before `at` (the directory "as it stood then"). */
    async completeAsOf(at: Date): Promise<SyncRecord | null> {
      const rows = await q<Row>(`select ${COLUMNS} from syncs where status = 'complete' and finished_at <= $1 order by seq desc limit 1`, [at.toISOString()]);
      return rows[0] ? fromRow(rows[0]) : null;
    },

    /** Renews the lease and records progress; false when the sync is no longer ours to run. */
    async heartbeat(id: string, holder: string, progress: SyncProgress, upstreamCalls: number): Promise<boolean> {
      const rows = await q(
        `update syncs set heartbeat_at = now(), progress = $3, upstream_calls = $4 where id = $1 and holder = $2 and status = 'running' returning id`,
        [id, holder, JSON.stringify(progress), upstreamCalls],
      );
      return rows.length === 1;
    },

    async stage(syncId: string, facts: Fact[]): Promise<void> {
      // Embedded PostgreSQL runs each statement on the event loop's thread, and statements queued
      // behind each other run back to back: small ones, with a turn of the loop between them, keep
      // page loads and the throttle's timers moving (a page's 1,000 rows at once held it 50-500 ms).
      for (let i = 0; i < facts.length; i += STAGE_BATCH) {
        if (i > 0) await nextTurn();
        const batch = facts.slice(i, i + STAGE_BATCH);
        const params: unknown[] = [syncId];
        const values = batch.map((f, j) => {
          params.push(f.kind, f.scope, f.key, f.hash, JSON.stringify(f.content));
          const b = 2 + j * 5;
          return `($1, $${b}, $${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}::jsonb)`;
        });
        await q(`insert into sync_staging (sync_id, kind, scope, key, hash, content) values ${values.join(", ")} on conflict do nothing`, params);
      }
    },

    /**
     * `kind \u0000 key` -> hash of every fact true now (at the newest complete sync), read in pages
     * along the current-facts index: one answer of 300,000 rows (200,000 memberships) was held whole
     * by the driver, and by the embedded database's memory, which never shrinks.
     */
    async openFactHashes(): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      let after: { kind: string; key: string } | undefined;
      for (;;) {
        const rows = await q<{ kind: string; key: string; hash: string }>(
          `select kind, key, hash from directory_facts where to_seq is null${after ? " and (kind, key) > ($1, $2)" : ""} order by kind, key limit ${openFactsPage}`,
          after ? [after.kind, after.key] : [],
        );
        for (const r of rows) out.set(factId(r.kind, r.key), r.hash);
        if (rows.length < openFactsPage) return out;
        const last = rows[rows.length - 1]!;
        after = { kind: last.kind, key: last.key };
      }
    },

    /**
     * Makes the sync's reading the current directory and marks it complete, in one transaction:
     * versions it read differently (staged) or not at all (`gone`) end at this sync, the staged ones
     * begin at it, and counts and digest are taken from the facts now current. Refuses when the
     * sync is no longer running under `holder` (its lease was taken over).
     */
    async complete(id: string, holder: string, upstreamCalls: number, gone: Iterable<string> = []): Promise<SyncRecord> {
      const goneKinds: string[] = [];
      const goneKeys: string[] = [];
      for (const g of gone) {
        const cut = g.indexOf("\u0000");
        goneKinds.push(g.slice(0, cut));
        goneKeys.push(g.slice(cut + 1));
      }
      return database.transaction(async (exec) => {
        const mine = await exec<Row>(`select ${COLUMNS} from syncs where id = $1 and holder = $2 and status = 'running' for update`, [id, holder]);
        if (!mine[0]) throw new SyncLostError(id);
        const seq = Number(mine[0].seq);
        await exec(
          `update directory_facts f set to_seq = $2
           where f.to_seq is null and exists (select 1 from sync_staging s where s.sync_id = $1 and s.kind = f.kind and s.key = f.key)`,
          [id, seq],
        );
        for (let i = 0; i < goneKeys.length; i += 5000) {
          await exec(
            `update directory_facts set to_seq = $1
             where to_seq is null and (kind, key) in (select * from unnest($2::text[], $3::text[]))`,
            [seq, goneKinds.slice(i, i + 5000), goneKeys.slice(i, i + 5000)],
          );
        }
        await exec(
          `insert into directory_facts (kind, scope, key, hash, content, from_seq)
           select s.kind, s.scope, s.key, s.hash, s.content, $2 from sync_staging s
           where s.sync_id = $1 and not exists (
             select 1 from directory_facts f where f.to_seq is null and f.kind = s.kind and f.key = s.key)`,
          [id, seq],
        );
        const [stats] = await exec<Record<string, string | number | null>>(
          `select
             count(*) filter (where kind = 'organization') as organizations,
             count(*) filter (where kind = 'member') as memberships,
             count(distinct case when kind = 'member' then content->>'id' when kind = 'group_member' then content->>'user_id' end) as people,
             count(*) filter (where kind = 'role') as roles,
             count(*) filter (where kind = 'permission') as permissions,
             count(*) filter (where kind = 'group') as groups,
             count(*) filter (where kind = 'group_member') as group_memberships,
             encode(sha256(convert_to(coalesce(string_agg(kind || ' ' || key || ' ' || hash, E'\\n' order by kind collate "C", key collate "C"), ''), 'UTF8')), 'hex') as sha256
           from directory_facts where to_seq is null`,
          [],
        );
        const counts: SyncCounts = {
          organizations: Number(stats!.organizations),
          memberships: Number(stats!.memberships),
          people: Number(stats!.people),
          roles: Number(stats!.roles),
          permissions: Number(stats!.permissions),
          groups: Number(stats!.groups),
          group_memberships: Number(stats!.group_memberships),
        };
        await exec(`delete from sync_staging where sync_id = $1`, [id]);
        const done = await exec<Row>(
          `update syncs set status = 'complete', finished_at = now(), heartbeat_at = now(), counts = $2, sha256 = $3, upstream_calls = $4,
             progress = jsonb_set(coalesce(progress, '{}'::jsonb), '{phase}', '"done"')
           where id = $1 returning ${COLUMNS}`,
          [id, JSON.stringify(counts), stats!.sha256, upstreamCalls],
        );
        return fromRow(done[0]!);
      });
    },

    /** Ends a sync that did not complete; its staged rows go, the newest complete sync stays current. */
    async finishUnsuccessfully(id: string, status: "failed" | "cancelled", error: SyncError, upstreamCalls: number): Promise<SyncRecord | null> {
      const rows = await q<Row>(
        `update syncs set status = $2, finished_at = now(), error = $3, upstream_calls = $4 where id = $1 and status = 'running' returning ${COLUMNS}`,
        [id, status, JSON.stringify(error), upstreamCalls],
      );
      await q(`delete from sync_staging where sync_id = $1`, [id]);
      return rows[0] ? fromRow(rows[0]) : null;
    },
  };
}

export type SyncRepository = ReturnType<typeof syncRepository>;

/** One fact's identity within a sync: its kind and key. */
export const factId = (kind: string, key: string): string => `${kind}\u0000${key}`;

/** Current facts read at once by openFactHashes. */
const OPEN_FACTS_PAGE = 20_000;

export class SyncLostError extends Error {
  constructor(id: string) {
    super(`Sync ${id} is no longer running here: another instance took it over after its heartbeat stopped.`);
    this.name = "SyncLostError";
  }
}
