import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/lib/server/store/database";
import { addToKeptHistory, type KeptHistory } from "@/lib/server/store/kept-history";
import { groupReconciliationSchema, reconciliationCountsSchema, type GroupReconciliation } from "@/lib/shared/reconciliation/schema";
import { RECONCILIATION_ID_RE, type ReconciliationRun, type ReconciliationRunRef, type SavedReconciliation, type SavedReconciliationMeta } from "@/lib/shared/reconciliation/saved-schema";

/*
 * Saved reconciliations in the database (tables reconciliations, reconciliation_runs), shared by
 * every instance. A save is one transaction (the reconciliation and its first run, or neither); a
 * re-run locks its reconciliation's row, so two at once get consecutive numbers. The first run and
 * the latest MAX_KEPT_RUNS - 1 are kept (a run holds whole member lists).
 */

export const MAX_KEPT_RUNS = 20;

const RUNS: KeptHistory = { items: "reconciliations", versions: "reconciliation_runs", itemColumn: "reconciliation_id", keep: MAX_KEPT_RUNS };

export const newReconciliationId = () => `rc_${randomBytes(12).toString("base64url")}`;

const entriesSchema = z.array(z.string());

export interface NewRun {
  syncId: string;
  directoryBuiltAt: string;
  ranBy: string;
  ranAt: string;
  result: GroupReconciliation;
}

export interface NewReconciliation {
  /** Chosen by the caller when the audit entry naming it is written before the save. */
  id?: string;
  name: string;
  createdBy: string;
  group: { id: string; name: string };
  expectedFrom: string;
  entries: readonly string[];
  run: NewRun;
}

interface HeadRow {
  id: string;
  name: string;
  created_by: string;
  created_at: string;
  group_id: string;
  group_name: string;
  expected_from: string;
}

interface RunRow {
  number: number | string;
  sync_id: string;
  directory_built_at: string;
  ran_by: string;
  ran_at: string;
  counts: string;
}

const refOf = (r: RunRow): ReconciliationRunRef => ({
  number: Number(r.number),
  sync_id: r.sync_id,
  directory_built_at: r.directory_built_at,
  ran_by: r.ran_by,
  ran_at: r.ran_at,
  counts: reconciliationCountsSchema.parse(JSON.parse(r.counts)),
});

const metaOf = (h: HeadRow, runs: number, latest: ReconciliationRunRef): SavedReconciliationMeta => ({
  id: h.id,
  name: h.name,
  created_by: h.created_by,
  created_at: h.created_at,
  group: { id: h.group_id, name: h.group_name },
  expected_from: h.expected_from,
  runs,
  latest,
});

const RUN_COLUMNS = "number, sync_id, directory_built_at, ran_by, ran_at, counts";
const insertRun = (id: string, number: number, run: NewRun): [string, unknown[]] => [
  `insert into reconciliation_runs (reconciliation_id, number, sync_id, directory_built_at, ran_by, ran_at, counts, result) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
  [id, number, run.syncId, run.directoryBuiltAt, run.ranBy, run.ranAt, JSON.stringify(run.result.counts), JSON.stringify(run.result)],
];

const runRef = (number: number, run: NewRun): ReconciliationRunRef => ({
  number,
  sync_id: run.syncId,
  directory_built_at: run.directoryBuiltAt,
  ran_by: run.ranBy,
  ran_at: run.ranAt,
  counts: run.result.counts,
});

export class DbReconciliationStore {
  constructor(private readonly database: () => Promise<Database>) {}

  async create(r: NewReconciliation): Promise<SavedReconciliationMeta> {
    const head: HeadRow = {
      id: r.id ?? newReconciliationId(),
      name: r.name,
      created_by: r.createdBy,
      created_at: r.run.ranAt,
      group_id: r.group.id,
      group_name: r.group.name,
      expected_from: r.expectedFrom,
    };
    const db = await this.database();
    await db.transaction(async (q) => {
      await q(
        `insert into reconciliations (id, name, created_by, created_at, group_id, group_name, expected_from, entries) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [head.id, head.name, head.created_by, head.created_at, head.group_id, head.group_name, head.expected_from, JSON.stringify(r.entries)],
      );
      await q(...insertRun(head.id, 1, r.run));
    });
    return metaOf(head, 1, runRef(1, r.run));
  }

  async list(): Promise<SavedReconciliationMeta[]> {
    const db = await this.database();
    const rows = await db.query<HeadRow & { kept: number | string; latest: number | string | null }>(
      `select c.id, c.name, c.created_by, c.created_at, c.group_id, c.group_name, c.expected_from,
              (select count(*) from reconciliation_runs r where r.reconciliation_id = c.id) as kept,
              (select max(r.number) from reconciliation_runs r where r.reconciliation_id = c.id) as latest
         from reconciliations c order by c.created_at desc, c.id`,
    );
    if (rows.length === 0) return [];
    const latest = await db.query<RunRow & { reconciliation_id: string }>(
      `select r.reconciliation_id, ${RUN_COLUMNS.split(", ").map((c) => `r.${c}`).join(", ")}
         from reconciliation_runs r
         join (select reconciliation_id, max(number) as n from reconciliation_runs group by reconciliation_id) m
           on m.reconciliation_id = r.reconciliation_id and m.n = r.number`,
    );
    const byId = new Map(latest.map((r) => [r.reconciliation_id, refOf(r)]));
    return rows.flatMap((h) => {
      const ref = byId.get(h.id);
      return ref ? [metaOf(h, Number(h.kept), ref)] : [];
    });
  }

  async get(id: string): Promise<SavedReconciliation | null> {
    const head = await this.head(id);
    if (!head) return null;
    const db = await this.database();
    const runs = (await db.query<RunRow>(`select ${RUN_COLUMNS} from reconciliation_runs where reconciliation_id = $1 order by number`, [id])).map(refOf);
    if (runs.length === 0) throw new Error(`reconciliation ${id}: no run is kept`);
    return { meta: metaOf(head, runs.length, runs[runs.length - 1]!), history: runs };
  }

  /** The expected entries as saved: what a re-run reads. */
  async entries(id: string): Promise<{ meta: HeadRow; entries: string[] } | null> {
    if (!RECONCILIATION_ID_RE.test(id)) return null;
    const db = await this.database();
    const [row] = await db.query<HeadRow & { entries: string }>(
      `select id, name, created_by, created_at, group_id, group_name, expected_from, entries from reconciliations where id = $1`,
      [id],
    );
    return row ? { meta: row, entries: entriesSchema.parse(JSON.parse(row.entries)) } : null;
  }

  async run(id: string, number: number): Promise<ReconciliationRun | null> {
    if (!RECONCILIATION_ID_RE.test(id) || !Number.isInteger(number) || number < 1) return null;
    const db = await this.database();
    const [row] = await db.query<RunRow & { result: string }>(`select ${RUN_COLUMNS}, result from reconciliation_runs where reconciliation_id = $1 and number = $2`, [id, number]);
    return row ? { ...refOf(row), result: groupReconciliationSchema.parse(JSON.parse(row.result)) } : null;
  }

  async addRun(id: string, run: NewRun): Promise<ReconciliationRunRef | null> {
    if (!RECONCILIATION_ID_RE.test(id)) return null;
    const db = await this.database();
    return db.transaction(async (q) => {
      const number = await addToKeptHistory(q, RUNS, id, (n) => q(...insertRun(id, n, run)));
      return number === null ? null : runRef(number, run);
    });
  }

  private async head(id: string): Promise<HeadRow | null> {
    if (!RECONCILIATION_ID_RE.test(id)) return null;
    const db = await this.database();
    const [row] = await db.query<HeadRow>(`select id, name, created_by, created_at, group_id, group_name, expected_from from reconciliations where id = $1`, [id]);
    return row ?? null;
  }
}
