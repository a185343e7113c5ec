import "server-only";
import { randomBytes } from "node:crypto";
import type { Database } from "@/lib/server/store/database";
import { VIEW_ID_RE, type SavedView } from "@/lib/shared/views/schema";

/* Saved table views in the database (table saved_views), shared by every instance and officer. */

export const MAX_VIEWS_PER_PATH = 500;

const COLUMNS = "id, name, path, query, created_by, created_at";

export class DbSavedViewStore {
  constructor(private readonly database: () => Promise<Database>) {}

  async create(v: { name: string; path: string; query: string; createdBy: string }): Promise<SavedView> {
    const view: SavedView = { id: `vw_${randomBytes(12).toString("base64url")}`, name: v.name, path: v.path, query: v.query, created_by: v.createdBy, created_at: new Date().toISOString() };
    const db = await this.database();
    await db.query(`insert into saved_views (${COLUMNS}) values ($1, $2, $3, $4, $5, $6)`, [view.id, view.name, view.path, view.query, view.created_by, view.created_at]);
    return view;
  }

  /** The views of one page, newest first (every officer's: views are shared). */
  async forPath(path: string): Promise<SavedView[]> {
    const db = await this.database();
    return db.query<SavedView>(`select ${COLUMNS} from saved_views where path = $1 order by created_at desc, id limit $2`, [path, MAX_VIEWS_PER_PATH]);
  }

  async get(id: string): Promise<SavedView | null> {
    if (!VIEW_ID_RE.test(id)) return null;
    const db = await this.database();
    const [row] = await db.query<SavedView>(`select ${COLUMNS} from saved_views where id = $1`, [id]);
    return row ?? null;
  }

  /** Removes a view its own officer made; false when there is no such view of theirs. */
  async remove(id: string, officer: string): Promise<boolean> {
    if (!VIEW_ID_RE.test(id)) return false;
    const db = await this.database();
    return (await db.query(`delete from saved_views where id = $1 and created_by = $2 returning id`, [id, officer])).length > 0;
  }
}
