import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { describeSources } from "@/lib/shared/seed-lists/resolve";
import {
  resolutionRefSchema,
  resolutionSchema,
  SEED_LIST_ID_RE,
  sourceRecordSchema,
  type Resolution,
  type ResolutionRef,
  type SeedListMeta,
} from "@/lib/shared/seed-lists/schema";
import type { NewSeedList, SeedListStore, StoredSeedList } from "./store";

/*
 * Saved seed lists as JSON files under the data directory, one folder per list:
 *
 *   <dataDir>/seed-lists/<id>/list.json           name, who, when, what from, resolution history
 *   <dataDir>/seed-lists/<id>/input.json          the sources with every raw entry (never rewritten)
 *   <dataDir>/seed-lists/<id>/resolution-<n>.json one resolution: each entry's outcome, the people
 *
 * Every file is written to a temporary name, synced and renamed into place, so a crash leaves the
 * old file or the new one, never half of one. Listing reads only the small list.json files.
 * The first resolution and the latest MAX_KEPT - 1 are kept; older middle ones are deleted, so a
 * list re-resolved every week does not grow without bound. Writes to one list are serialised in
 * this process; several processes need a shared store.
 */

export const MAX_KEPT_RESOLUTIONS = 10;

const listFileSchema = z.object({
  id: z.string().regex(SEED_LIST_ID_RE),
  name: z.string(),
  created_by: z.string(),
  created_at: z.string(),
  input_summary: z.string(),
  history: z.array(resolutionRefSchema).min(1),
});
type ListFile = z.infer<typeof listFileSchema>;

const inputFileSchema = z.object({ sources: z.array(sourceRecordSchema) });

function metaOf(f: ListFile): SeedListMeta {
  const latest = f.history[f.history.length - 1]!;
  return {
    id: f.id,
    name: f.name,
    created_by: f.created_by,
    created_at: f.created_at,
    input_summary: f.input_summary,
    resolutions: f.history.length,
    latest: { number: latest.number, resolved_at: latest.resolved_at, resolved_by: latest.resolved_by, counts: latest.counts },
  };
}

function refOf(number: number, r: Resolution): ResolutionRef {
  return { number, resolved_at: r.resolved_at, resolved_by: r.resolved_by, directory_built_at: r.directory_built_at, counts: r.counts };
}

export const newSeedListId = () => `sl_${randomBytes(12).toString("base64url")}`;

export class FileSeedListStore implements SeedListStore {
  readonly root: string;
  private locks = new Map<string, Promise<unknown>>();

  constructor(root: string) {
    this.root = root;
  }

  static inDataDir(dataDir: string): FileSeedListStore {
    return new FileSeedListStore(path.resolve(dataDir, "seed-lists"));
  }

  private dir(id: string): string {
    // The id is checked before it becomes a path: no traversal out of the root.
    if (!SEED_LIST_ID_RE.test(id)) throw new Error("invalid seed list id");
    return path.join(this.root, id);
  }

  private async writeAtomically(file: string, value: unknown): Promise<void> {
    const tmp = `${file}.tmp-${randomBytes(6).toString("hex")}`;
    const fh = await open(tmp, "w", 0o600);
    try {
      await fh.writeFile(JSON.stringify(value));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  }

  private async readJson<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S> | null> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
    return schema.parse(JSON.parse(text));
  }

  /** Runs `task` after every earlier write to the same list. */
  private serialised<T>(id: string, task: () => Promise<T>): Promise<T> {
    const before = this.locks.get(id) ?? Promise.resolve();
    const run = before.then(task, task);
    const tail = run.catch(() => {});
    this.locks.set(id, tail);
    void tail.then(() => {
      if (this.locks.get(id) === tail) this.locks.delete(id);
    });
    return run;
  }

  async create(list: NewSeedList): Promise<SeedListMeta> {
    const id = list.id ?? newSeedListId();
    const dir = this.dir(id);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await this.writeAtomically(path.join(dir, "input.json"), { sources: list.sources });
    await this.writeAtomically(path.join(dir, "resolution-1.json"), list.resolution);
    const file: ListFile = {
      id,
      name: list.name,
      created_by: list.createdBy,
      created_at: list.resolution.resolved_at,
      input_summary: describeSources(list.sources),
      history: [refOf(1, list.resolution)],
    };
    // list.json last: a folder without it is an unfinished save, never listed.
    await this.writeAtomically(path.join(dir, "list.json"), file);
    return metaOf(file);
  }

  async list(): Promise<SeedListMeta[]> {
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
    const metas: SeedListMeta[] = [];
    for (const name of names.filter((n) => SEED_LIST_ID_RE.test(n))) {
      try {
        const f = await this.readJson(path.join(this.root, name, "list.json"), listFileSchema);
        if (f) metas.push(metaOf(f));
      } catch (e) {
        // One damaged list must not hide the others; it is reported in the server log.
        console.error(`seed list ${name}: list.json unreadable:`, e instanceof Error ? e.message : e);
      }
    }
    return metas.sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<StoredSeedList | null> {
    if (!SEED_LIST_ID_RE.test(id)) return null;
    const f = await this.readJson(path.join(this.dir(id), "list.json"), listFileSchema);
    if (!f) return null;
    const input = await this.readJson(path.join(this.dir(id), "input.json"), inputFileSchema);
    if (!input) throw new Error(`seed list ${id}: input.json is missing`);
    return { meta: metaOf(f), sources: input.sources, history: f.history };
  }

  async resolution(id: string, number: number): Promise<Resolution | null> {
    if (!SEED_LIST_ID_RE.test(id) || !Number.isInteger(number) || number < 1) return null;
    return this.readJson(path.join(this.dir(id), `resolution-${number}.json`), resolutionSchema);
  }

  addResolution(id: string, resolution: Resolution): Promise<ResolutionRef | null> {
    if (!SEED_LIST_ID_RE.test(id)) return Promise.resolve(null);
    return this.serialised(id, async () => {
      const dir = this.dir(id);
      const f = await this.readJson(path.join(dir, "list.json"), listFileSchema);
      if (!f) return null;
      const number = f.history[f.history.length - 1]!.number + 1;
      await this.writeAtomically(path.join(dir, `resolution-${number}.json`), resolution);
      const ref = refOf(number, resolution);
      const history = [...f.history, ref];
      const dropped: ResolutionRef[] = [];
      while (history.length > MAX_KEPT_RESOLUTIONS) dropped.push(history.splice(1, 1)[0]!);
      await this.writeAtomically(path.join(dir, "list.json"), { ...f, history } satisfies ListFile);
      // Deleted only after list.json no longer names them.
      for (const d of dropped) await rm(path.join(dir, `resolution-${d.number}.json`), { force: true });
      return ref;
    });
  }
}
