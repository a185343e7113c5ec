import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileSeedListStore, MAX_KEPT_RESOLUTIONS } from "./file-store";
import type { SourceRecord } from "@/lib/shared/seed-lists/schema";
import { ada, behavesLikeASeedListStore, resolverFor } from "@/lib/tools/testing/seed-lists/store-suite";

const sources: SourceRecord[] = [{ kind: "paste", entries: ["ada@example.com", "", "bob@example.com", "zed@example.com"], blank_lines: 1 }];
const resolveWith = resolverFor(sources);

let root: string;
let store: FileSeedListStore;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "seed-lists-"));
  store = new FileSeedListStore(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("FileSeedListStore", () => {
  it("saves a list with who made it, when and from what, and a new store on the same folder reopens it", async () => {
    const meta = await store.create({ name: "Legal hold Q2", createdBy: "auditor", sources, resolution: resolveWith() });
    expect(meta).toMatchObject({ name: "Legal hold Q2", created_by: "auditor", created_at: "2026-05-01T10:00:00.000Z", resolutions: 1, input_summary: "pasted (4)" });

    const reopened = new FileSeedListStore(root); // as after a restart
    expect((await reopened.list()).map((m) => m.id)).toEqual([meta.id]);
    const got = await reopened.get(meta.id);
    expect(got?.sources).toEqual(sources); // the raw entries, blank included
    expect((await reopened.resolution(meta.id, 1))?.people.map((p) => p.user_id)).toEqual(["user_01Ada", "user_01Bob"]);
  });

  it("keeps the first resolution and the latest ones, deleting the middle ones", async () => {
    const meta = await store.create({ name: "L", createdBy: "auditor", sources, resolution: resolveWith() });
    const adds = MAX_KEPT_RESOLUTIONS + 2;
    await Promise.all(Array.from({ length: adds }, () => store.addResolution(meta.id, resolveWith())));
    const got = await store.get(meta.id);
    const last = adds + 1;
    expect(got?.history.map((h) => h.number)).toEqual([1, ...Array.from({ length: MAX_KEPT_RESOLUTIONS - 1 }, (_, i) => last - (MAX_KEPT_RESOLUTIONS - 2) + i)]);
    const files = (await readdir(path.join(root, meta.id))).filter((f) => f.startsWith("resolution-"));
    expect(files).toHaveLength(MAX_KEPT_RESOLUTIONS);
    expect(await store.resolution(meta.id, 2)).toBeNull();
  });

  behavesLikeASeedListStore(() => store, sources);

  it("lists newest first, and a damaged list does not hide the others", async () => {
    const a = await store.create({ name: "A", createdBy: "auditor", sources, resolution: resolveWith([ada], "2026-05-01T10:00:00Z") });
    const b = await store.create({ name: "B", createdBy: "auditor", sources, resolution: resolveWith([ada], "2026-05-02T10:00:00Z") });
    const c = await store.create({ name: "C", createdBy: "auditor", sources, resolution: resolveWith([ada], "2026-05-03T10:00:00Z") });
    await writeFile(path.join(root, b.id, "list.json"), "{ torn");
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      expect((await store.list()).map((m) => m.name)).toEqual(["C", "A"]);
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect([a.id, c.id]).not.toContain(b.id);
  });
});
