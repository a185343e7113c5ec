import "server-only";
import { z } from "zod";
import type { Database, Query } from "@/lib/server/store/database";
import { addToKeptHistory, type KeptHistory } from "@/lib/server/store/kept-history";
import { MAX_KEPT_RESOLUTIONS, newSeedListId } from "./file-store";
import { describeSources } from "@/lib/shared/seed-lists/resolve";
import { resolutionRefSchema, resolutionSchema, SEED_LIST_ID_RE, sourceRecordSchema, type Resolution, type ResolutionRef, type SeedListMeta } from "@/lib/shared/seed-lists/schema";
import type { NewSeedList, SeedListStore, StoredSeedList } from "./store";

/*
 * Saved seed lists in the database (tables seed_lists, seed_list_resolutions), shared by every
 * instance. A save is one transaction (the list and its first resolution, or neither); a
 * re-resolution locks its list's row, so two at once get consecutive numbers. As with the files
 * before, the first resolution and the latest MAX_KEPT_RESOLUTIONS - 1 are kept.
 */

const RESOLUTIONS: KeptHistory = { items: "seed_lists", versions: "seed_list_resolutions", itemColumn: "list_id", keep: MAX_KEPT_RESOLUTIONS };

const sourcesSchema = z.array(sourceRecordSchema);

interface ListRow {
  id: string;
  name: string;
  created_by: string;
  created_at: string;
  input_summary: string;
}

const refOf = (number: number, r: Resolution): ResolutionRef => ({
  number,
  resolved_at: r.resolved_at,
  resolved_by: r.resolved_by,
  directory_built_at: r.directory_built_at,
  counts: r.counts,
});

function metaOf(row: ListRow, history: ResolutionRef[]): SeedListMeta {
  const latest = history[history.length - 1]!;
  return {
    id: row.id,
    name: row.name,
    created_by: row.created_by,
    created_at: row.created_at,
    input_summary: row.input_summary,
    resolutions: history.length,
    latest: { number: latest.number, resolved_at: latest.resolved_at, resolved_by: latest.resolved_by, counts: latest.counts },
  };
}

/** Writes a whole list (its input and the given resolutions) inside the caller's transaction; false when the id exists. */
export async function insertSeedList(
  q: Query,
  row: ListRow & { sources: NewSeedList["sources"] },
  resolutions: { number: number; ref: ResolutionRef; resolution: Resolution }[],
): Promise<boolean> {
  const inserted = await q(
    `insert into seed_lists (id, name, created_by, created_at, input_summary, sources) values ($1, $2, $3, $4, $5, $6) on conflict (id) do nothing returning id`,
    [row.id, row.name, row.created_by, row.created_at, row.input_summary, JSON.stringify(row.sources)],
  );
  if (inserted.length === 0) return false;
  for (const r of resolutions) {
    await q(`insert into seed_list_resolutions (list_id, number, ref, resolution) values ($1, $2, $3, $4)`, [row.id, r.number, JSON.stringify(r.ref), JSON.stringify(r.resolution)]);
  }
  return true;
}

export class DbSeedListStore implements SeedListStore {
  constructor(private readonly database: () => Promise<Database>) {}

  async create(list: NewSeedList): Promise<SeedListMeta> {
    const row: ListRow = {
      id: list.id ?? newSeedListId(),
      name: list.name,
      created_by: list.createdBy,
      created_at: list.resolution.resolved_at,
      input_summary: describeSources(list.sources),
    };
    const ref = refOf(1, list.resolution);
    const db = await this.database();
    await db.transaction((q) => insertSeedList(q, { ...row, sources: list.sources }, [{ number: 1, ref, resolution: list.resolution }]));
    return metaOf(row, [ref]);
  }

  async list(): Promise<SeedListMeta[]> {
    const db = await this.database();
    const rows = await db.query<ListRow & { kept: number | string; latest: string }>(
      `select l.id, l.name, l.created_by, l.created_at, l.input_summary,
              (select count(*) from seed_list_resolutions r where r.list_id = l.id) as kept,
              (select r.ref from seed_list_resolutions r where r.list_id = l.id order by r.number desc limit 1) as latest
         from seed_lists l order by l.created_at desc, l.id`,
    );
    const metas: SeedListMeta[] = [];
    for (const r of rows) {
      if (r.latest === null) continue;
      const latest = resolutionRefSchema.parse(JSON.parse(r.latest));
      metas.push({ ...metaOf(r, [latest]), resolutions: Number(r.kept) });
    }
    return metas;
  }

  async get(id: string): Promise<StoredSeedList | null> {
    if (!SEED_LIST_ID_RE.test(id)) return null;
    const db = await this.database();
    const [row] = await db.query<ListRow & { sources: string }>(`select id, name, created_by, created_at, input_summary, sources from seed_lists where id = $1`, [id]);
    if (!row) return null;
    const refs = await db.query<{ ref: string }>(`select ref from seed_list_resolutions where list_id = $1 order by number`, [id]);
    const history = refs.map((r) => resolutionRefSchema.parse(JSON.parse(r.ref)));
    if (history.length === 0) throw new Error(`seed list ${id}: no resolution is kept`);
    return { meta: metaOf(row, history), sources: sourcesSchema.parse(JSON.parse(row.sources)), history };
  }

  async resolution(id: string, number: number): Promise<Resolution | null> {
    if (!SEED_LIST_ID_RE.test(id) || !Number.isInteger(number) || number < 1) return null;
    const db = await this.database();
    const [row] = await db.query<{ resolution: string }>(`select resolution from seed_list_resolutions where list_id = $1 and number = $2`, [id, number]);
    return row ? resolutionSchema.parse(JSON.parse(row.resolution)) : null;
  }

  async addResolution(id: string, resolution: Resolution): Promise<ResolutionRef | null> {
    if (!SEED_LIST_ID_RE.test(id)) return null;
    const db = await this.database();
    return db.transaction(async (q) => {
      let ref: ResolutionRef | undefined;
      const added = await addToKeptHistory(q, RESOLUTIONS, id, (number) => {
        ref = refOf(number, resolution);
        return q(`insert into seed_list_resolutions (list_id, number, ref, resolution) values ($1, $2, $3, $4)`, [id, number, JSON.stringify(ref), JSON.stringify(resolution)]);
      });
      return added === null ? null : ref!;
    });
  }
}
