import { beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import { simulatedDirectorySuite, type SimulatedSyncedStore } from "@/lib/tools/testing/synced-directory";
import { directoryOfSync } from "@/lib/server/sync/directory-from-sync";
import { syncRepository } from "@/lib/server/store/syncs";
import { emailDomain } from "@/lib/shared/format/email";
import { answerPeopleQuery, matchingPeopleIds } from "./people-query";
import { PEOPLE_FACET_KEYS, peopleQueryFromParams, peopleQueryParams, type PeopleFacet, type PeopleQuery, type PeopleQueryInput } from "@/lib/shared/directory/people-query-wire";
import type { Directory, Person } from "@/lib/shared/directory/types";

/*
 * People answered on the server, over a synced simulator directory. Each expectation is computed
 * here the plain way (filter the people, sort them, count what they hold) from the simulator's
 * records joined per person, never with the index under test.
 */

const suite = simulatedDirectorySuite({ seed: "people-query", orgUserCounts: [240, 120, 60], groups: 8 });
let [sim, synced, directory] = [] as unknown as [SimulatorHandle, SimulatedSyncedStore, Directory];
beforeAll(() => void ({ sim, synced, directory } = suite.ready()));

/** What each person holds, from the simulator's records: organizations, roles, groups, RBAC roles via groups, actions. */
function held(p: Person): Record<PeopleFacet, Set<string>> {
  const rbac = new Set<string>();
  const actions = new Set<string>();
  for (const g of sim.directory.groups) {
    if (!sim.directory.membersOf(g.id).some((m) => m.user_id === p.id)) continue;
    for (const roleId of g.roles ?? []) {
      const org = sim.directory.organizations.find((o) => sim.directory.rolesOf(o.uuid).some((r) => r.id === roleId));
      if (!org) continue;
      rbac.add(roleId);
      for (const perm of sim.directory.permissionsOf(org.uuid, roleId)) actions.add(perm.action);
    }
  }
  return {
    org: new Set(p.memberships.map((m) => m.organization.name)),
    role: new Set(p.memberships.map((m) => m.organizationRole)),
    rbac,
    group: new Set(p.groups.map((g) => g.group.id)),
    action: actions,
    domain: new Set([emailDomain(p.email)]),
  };
}

let heldCache: Map<string, Record<PeopleFacet, Set<string>>> | undefined;
const heldBy = (p: Person) => {
  heldCache ??= new Map(directory.people.map((x) => [x.id, held(x)]));
  return heldCache.get(p.id)!;
};

const query = (input: PeopleQueryInput): PeopleQuery => {
  const parsed = peopleQueryFromParams(peopleQueryParams(input));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
};

const searchHit = (p: Person, q: string) => [p.fullName, p.email, p.id].some((k) => k.toLowerCase().includes(q.trim().toLowerCase()));
const facetHit = (p: Person, filters: Partial<Record<PeopleFacet, string[]>>, except?: PeopleFacet) =>
  Object.entries(filters).every(([k, values]) => k === except || !values?.length || values.some((v) => heldBy(p)[k as PeopleFacet].has(v)));

describe("People on the server: search and filters", () => {
  it("a search is a case-insensitive contains over name, email and user id", () => {
    const someone = directory.people.find((p) => p.fullName)!;
    const needle = someone.fullName.split(" ")[0]!.slice(0, 3).toUpperCase();
    const a = answerPeopleQuery(directory, query({ q: needle, ids: true, limit: 5 }));
    const expected = directory.people.filter((p) => searchHit(p, needle)).map((p) => p.id);
    expect(a.matched).toBe(expected.length);
    expect(new Set(a.ids)).toEqual(new Set(expected));
    expect(a.total).toBe(directory.people.length);
    expect(a.rows).toHaveLength(Math.min(5, expected.length));
  });

  it("a pasted list shows exactly those people and names the entries no one matches", () => {
    const [a, b] = [directory.people[3]!, directory.people[200]!];
    const answer = answerPeopleQuery(directory, query({ q: `${a.email.toUpperCase()}\n${b.id}, ghost@nowhere.test`, ids: true }));
    expect(new Set(answer.ids)).toEqual(new Set([a.id, b.id]));
    expect(answer.list).toEqual({ total: 3, found: 2, missing: ["ghost@nowhere.test"] });
  });

  it("facets keep people holding any chosen value, and each facet counts over the other filters only", () => {
    const admins = directory.people.filter((p) => heldBy(p).role.has("admin"));
    expect(admins.length).toBeGreaterThan(0);
    const withRole = directory.people.find((p) => heldBy(p).rbac.size > 0)!;
    const rbac = [...heldBy(withRole).rbac][0]!;
    const filters = { role: ["admin", "owner"], rbac: [rbac] };
    const a = answerPeopleQuery(directory, query({ ...filters, ids: true }));
    const expected = directory.people.filter((p) => facetHit(p, filters)).map((p) => p.id);
    expect(new Set(a.ids)).toEqual(new Set(expected));
    expect(a.matched).toBe(expected.length);

    for (const key of PEOPLE_FACET_KEYS) {
      const counts = new Map<string, number>();
      for (const p of directory.people) if (facetHit(p, filters, key)) for (const v of heldBy(p)[key]) counts.set(v, (counts.get(v) ?? 0) + 1);
      expect(new Map(a.facets![key]), key).toEqual(counts);
    }
  });

  it("a search and a facet together; a value no one holds matches no one", () => {
    const a = answerPeopleQuery(directory, query({ q: "a", domain: [emailDomain(directory.people[0]!.email)], ids: true }));
    const expected = directory.people.filter((p) => searchHit(p, "a") && emailDomain(p.email) === emailDomain(directory.people[0]!.email));
    expect(a.ids).toHaveLength(expected.length);
    expect(answerPeopleQuery(directory, query({ action: ["nothing:ever"] })).matched).toBe(0);
  });

  it("matchingPeopleIds (the downloads' choice of rows) is the route's ids, in the same order", () => {
    const q = query({ q: "e", role: ["user"], sort: [{ id: "email", desc: true }], ids: true });
    expect(matchingPeopleIds(directory, q)).toEqual(answerPeopleQuery(directory, q).ids);
  });
});

describe("People on the server: sort and windows", () => {
  const byKey = (key: (p: Person) => string | number, desc = false) =>
    directory.people
      .map((p, i) => ({ p, i, k: key(p) }))
      .sort((x, y) => (x.k < y.k ? (desc ? 1 : -1) : x.k > y.k ? (desc ? -1 : 1) : x.i - y.i))
      .map((x) => x.p.id);

  it("sorts by name, ascending and descending, ties in the directory's order", () => {
    expect(answerPeopleQuery(directory, query({ sort: [{ id: "name", desc: false }], ids: true })).ids).toEqual(byKey((p) => p.fullName.toLowerCase()));
    expect(answerPeopleQuery(directory, query({ sort: [{ id: "name", desc: true }], ids: true })).ids).toEqual(byKey((p) => p.fullName.toLowerCase(), true));
  });

  it("sorts by group count descending, then email", () => {
    const ids = answerPeopleQuery(directory, query({ sort: [{ id: "groupCount", desc: true }, { id: "email", desc: false }], ids: true })).ids!;
    const expected = directory.people
      .map((p, i) => ({ p, i }))
      .sort((x, y) => y.p.groups.length - x.p.groups.length || (x.p.email.toLowerCase() < y.p.email.toLowerCase() ? -1 : x.p.email.toLowerCase() > y.p.email.toLowerCase() ? 1 : x.i - y.i))
      .map((x) => x.p.id);
    expect(ids).toEqual(expected);
  });

  it("windows are consecutive slices of the sorted matches, with each person's names joined", () => {
    const base = { q: "e", sort: [{ id: "email", desc: false }] };
    const all = answerPeopleQuery(directory, query({ ...base, ids: true })).ids!;
    const first = answerPeopleQuery(directory, query({ ...base, offset: 0, limit: 50 }));
    const second = answerPeopleQuery(directory, query({ ...base, offset: 50, limit: 50 }));
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(all.slice(0, 100));
    expect(second.offset).toBe(50);
    const past = answerPeopleQuery(directory, query({ ...base, offset: all.length + 10, limit: 50 }));
    expect(past.rows).toEqual([]);
    expect(past.matched).toBe(all.length);

    const row = first.rows.find((r) => r.grants.length > 0) ?? first.rows[0]!;
    const p = directory.peopleById.get(row.id)!;
    expect(row).toMatchObject({ email: p.email, full_name: p.fullName, memberships: p.memberships.map((m) => ({ organization_uuid: m.organization.uuid, organization: m.organization.name, role: m.organizationRole })) });
    expect(new Set(row.roles)).toEqual(heldBy(p).rbac);
    expect(new Set(row.actions)).toEqual(heldBy(p).action);
  });

  it("answers from the directory it is given: an older sync's directory keeps its own people", async () => {
    const repo = syncRepository(synced.database);
    const before = (await repo.newestComplete())!;
    const [joined] = sim.mutate([{ kind: "member_joined", org: sim.directory.organizations[2]!.uuid, full_name: "Zed Newcomer" }] as never);
    await synced.sync();
    const now = await synced.load();
    const then = await directoryOfSync(synced.database, before);
    const q = query({ q: joined!.user_id!, ids: true });
    expect(answerPeopleQuery(now, q).ids).toEqual([joined!.user_id]);
    expect(answerPeopleQuery(then, q).ids).toEqual([]);
    expect(answerPeopleQuery(then, q)).toMatchObject({ sync: before.id, total: then.people.length });
    expect(answerPeopleQuery(now, q).total).toBe(then.people.length + 1);
  }, 60_000);
});

describe("People query parameters", () => {
  const parse = (qs: string) => peopleQueryFromParams(new URLSearchParams(qs));

  it("reads the page's URL keys, facets repeated", () => {
    expect(parse("q=ann&role=admin&role=owner&sort=-email,name&offset=100&limit=50&ids=1")).toEqual({
      ok: true,
      query: expect.objectContaining({ q: "ann", role: ["admin", "owner"], sort: [{ id: "email", desc: true }, { id: "name", desc: false }], offset: 100, limit: 50, ids: true, facets: true }),
    });
  });

  it.each([
    ["sort=password", /sort/],
    ["sort=name,name", /sort/],
    ["sort=name,email,id,domain", /three/],
    ["limit=5000", /limit/],
    ["limit=-1", /limit/],
    ["offset=ten", /offset/],
    ["q=a&q=b", /more than once/],
    ["ids=yes", /ids/],
    ["bogus=1", /not accepted/],
  ])("refuses %s with a message naming it", (qs, message) => {
    const r = peopleQueryFromParams(new URLSearchParams(qs));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });
});
