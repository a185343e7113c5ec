import { expect, it } from "vitest";
import { compareResolutions } from "@/lib/shared/seed-lists/compare";
import { resolveSeedList } from "@/lib/shared/seed-lists/resolve";
import type { Resolution, SourceRecord } from "@/lib/shared/seed-lists/schema";
import type { SeedListStore } from "@/lib/server/seed-lists/store";
import { lookupOf, org, person } from "./people";

/* What every SeedListStore does alike (the files of earlier versions and the database), written once for both suites. */

export const legal = org("11111111-1111-4111-8111-111111111111", "Acme Legal");
export const ada = person("user_01Ada", "ada@example.com", "Ada", [legal]);
export const bob = person("user_01Bob", "bob@example.com", "Bob", [legal]);

export type ResolveWith = (people?: ReturnType<typeof person>[], at?: string) => Resolution;

/** Resolves `sources` against a directory of `people` (Ada and Bob by default) as it stood at `at`. */
export function resolverFor(sources: SourceRecord[]): ResolveWith {
  return (people = [ada, bob], at = "2026-05-01T10:00:00Z") =>
    resolveSeedList(sources, { lookup: lookupOf(people), directoryBuiltAt: Date.parse(at), officer: "auditor", now: new Date(at) });
}

/** The shared tests, inside the caller's describe; `store` is read when each test runs. `sources` name Ada, Bob and one unknown address. */
export function behavesLikeASeedListStore(store: () => SeedListStore, sources: SourceRecord[]): void {
  const resolveWith = resolverFor(sources);

  it("re-resolving adds to the history, and the two resolutions compare", async () => {
    const meta = await store().create({ name: "L", createdBy: "auditor", sources, resolution: resolveWith() });
    const ref = await store().addResolution(meta.id, resolveWith([ada], "2026-06-01T10:00:00Z"));
    expect(ref).toMatchObject({ number: 2, counts: { matched: 1, unmatched: 2 } });
    const got = await store().get(meta.id);
    expect(got?.history.map((h) => h.number)).toEqual([1, 2]);
    expect(got?.meta.latest.number).toBe(2);
    expect((await store().list())[0]).toMatchObject({ resolutions: 2, latest: { number: 2 } });
    const c = compareResolutions(1, (await store().resolution(meta.id, 1))!, 2, (await store().resolution(meta.id, 2))!);
    expect(c.removed.map((p) => p.user_id)).toEqual(["user_01Bob"]);
    expect(c.newly_unmatched.map((e) => e.input)).toEqual(["bob@example.com"]);
  });

  it("answers null for unknown or malformed ids, and never reads outside its own keeping", async () => {
    expect(await store().get("sl_doesnotexist1")).toBeNull();
    expect(await store().get("../../etc/passwd")).toBeNull();
    expect(await store().resolution("sl_../../x", 1)).toBeNull();
    expect(await store().addResolution("sl_doesnotexist1", resolveWith())).toBeNull();
  });
}
