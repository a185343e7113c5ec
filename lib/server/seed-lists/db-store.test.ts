import { describe, expect, it } from "vitest";
import { throwawayDatabase } from "@/lib/tools/testing/throwaway-stores";
import { DbSeedListStore } from "./db-store";
import { MAX_KEPT_RESOLUTIONS } from "./file-store";
import type { SourceRecord } from "@/lib/shared/seed-lists/schema";
import { ada, behavesLikeASeedListStore, resolverFor } from "@/lib/tools/testing/seed-lists/store-suite";

/* Saved seed lists in an embedded database: the same behaviour as the files they replace. */

// A NUL pasted into an entry comes back as it went in.
const sources: SourceRecord[] = [{ kind: "paste", entries: ["ada@example.com", "", "bob@example.com", "zed\u0000@example.com"], blank_lines: 1 }];
const resolveWith = resolverFor(sources);

const db = throwawayDatabase("seed-lists-db-", ["delete from seed_lists"]);
const store = new DbSeedListStore(async () => db.database);

describe("DbSeedListStore", () => {
  it("saves a list with who made it, when and from what, and keeps it across a reopen of the database", async () => {
    const meta = await store.create({ name: "Legal hold Q2", createdBy: "auditor", sources, resolution: resolveWith() });
    expect(meta).toMatchObject({ name: "Legal hold Q2", created_by: "auditor", created_at: "2026-05-01T10:00:00.000Z", resolutions: 1, input_summary: "pasted (4)" });
    await db.reopen();
    expect(await store.list()).toEqual([meta]);
    const got = await store.get(meta.id);
    expect(got?.sources).toEqual(sources);
    expect((await store.resolution(meta.id, 1))?.people.map((p) => p.user_id)).toEqual(["user_01Ada", "user_01Bob"]);
  });

  it("numbers concurrent re-resolutions one after another, keeping the first and the latest ones", async () => {
    const meta = await store.create({ name: "L", createdBy: "auditor", sources, resolution: resolveWith() });
    const adds = MAX_KEPT_RESOLUTIONS + 2;
    const refs = await Promise.all(Array.from({ length: adds }, () => store.addResolution(meta.id, resolveWith())));
    expect(refs.map((r) => r!.number).sort((a, b) => a - b)).toEqual(Array.from({ length: adds }, (_, i) => i + 2));
    const got = await store.get(meta.id);
    const last = adds + 1;
    expect(got?.history.map((h) => h.number)).toEqual([1, ...Array.from({ length: MAX_KEPT_RESOLUTIONS - 1 }, (_, i) => last - (MAX_KEPT_RESOLUTIONS - 2) + i)]);
    expect(await store.resolution(meta.id, 2)).toBeNull();
  });

  behavesLikeASeedListStore(() => store, sources);

  it("lists newest first", async () => {
    await store.create({ name: "A", createdBy: "auditor", sources, resolution: resolveWith([ada], "2026-05-01T10:00:00Z") });
    await store.create({ name: "C", createdBy: "auditor", sources, resolution: resolveWith([ada], "2026-05-03T10:00:00Z") });
    await store.create({ name: "B", createdBy: "auditor", sources, resolution: resolveWith([ada], "2026-05-02T10:00:00Z") });
    expect((await store.list()).map((m) => m.name)).toEqual(["C", "B", "A"]);
  });
});
