import { beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import { simulatedDirectorySuite } from "@/lib/tools/testing/synced-directory";
import { searchIndexOf } from "./search-index";
import { SEARCH_LIMIT, type SearchResult } from "@/lib/shared/directory/search-wire";
import type { Directory } from "@/lib/shared/directory/types";

/*
 * The header search's ranking over a synced simulator directory: what an officer holds (an email
 * from HR, a user id from a log, a group or organization name) comes first, the list stays short
 * and grouped. Expectations come from the simulator's records.
 */

const suite = simulatedDirectorySuite({ seed: "header-search", orgUserCounts: [300, 120, 60], groups: 8 });
let [sim, directory] = [] as unknown as [SimulatorHandle, Directory];
beforeAll(() => void ({ sim, directory } = suite.ready()));

const search = (q: string) => searchIndexOf(directory).search(q);
const first = (q: string): SearchResult | undefined => search(q).results[0];
const simUsers = () => sim.directory.organizations.flatMap((o) => sim.directory.usersOf(o.uuid));

describe("the header search", () => {
  it("puts the person with an exact email first, in any case and with spaces around it", () => {
    const u = simUsers()[17]!;
    expect(first(`  ${u.email.toUpperCase()} `)).toMatchObject({ kind: "person", id: u.id, match: "exact", detail: u.email });
  });

  it("puts the person with an exact user id first", () => {
    const u = simUsers()[250]!;
    expect(first(u.id)).toMatchObject({ kind: "person", id: u.id, match: "exact", label: u.full_name });
  });

  it("finds an organization by uuid and by name, a group and a role by id and by name", () => {
    const org = sim.directory.organizations[1]!;
    expect(first(org.uuid)).toMatchObject({ kind: "organization", id: org.uuid, match: "exact" });
    expect(search(org.name.toLowerCase()).results).toContainEqual(expect.objectContaining({ kind: "organization", id: org.uuid, match: "name" }));
    const group = sim.directory.groups[2]!;
    expect(first(group.id)).toMatchObject({ kind: "group", id: group.id, match: "exact" });
    expect(search(group.name).results).toContainEqual(expect.objectContaining({ kind: "group", id: group.id, match: "name" }));
    const role = sim.directory.rolesOf(org.uuid)[0]!;
    expect(first(role.id)).toMatchObject({ kind: "role", id: role.id, organization_uuid: org.uuid, match: "exact" });
    expect(search(role.name).results).toContainEqual(expect.objectContaining({ kind: "role", id: role.id }));
  });

  it("ranks exact before name before prefix before word before contains, and answers at most the limit", () => {
    const rank = { exact: 0, name: 1, prefix: 2, word: 3, contains: 4 } as const;
    for (const q of ["a", "an", "user_", "e", sim.directory.groups[0]!.name.slice(0, 3)]) {
      const { results, total } = search(q);
      expect(results.length).toBeLessThanOrEqual(SEARCH_LIMIT);
      expect(total).toBeGreaterThanOrEqual(results.length);
      // Within each kind, best first; kinds are contiguous.
      const kinds = results.map((r) => r.kind);
      expect(kinds.filter((k, i) => i === 0 || kinds[i - 1] !== k)).toEqual([...new Set(kinds)]);
      for (const k of new Set(kinds)) {
        const ranks = results.filter((r) => r.kind === k).map((r) => rank[r.match]);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      }
    }
    expect(search("user_").total).toBe(directory.people.length);
  });

  it("matches the start of a later word in a name", () => {
    const u = simUsers().find((x) => x.full_name.includes(" "))!;
    const last = u.full_name.split(" ").at(-1)!.toLowerCase();
    const { results } = search(last);
    expect(results.every((r) => r.label.toLowerCase().includes(last) || r.detail.toLowerCase().includes(last) || r.id.toLowerCase().includes(last))).toBe(true);
    expect(results.length).toBeGreaterThan(0);
  });

  it("finds nothing for what no one has, and nothing for blank", () => {
    expect(search("zz-no-such-thing-qq")).toEqual({ results: [], total: 0 });
    expect(search("   ")).toEqual({ results: [], total: 0 });
  });
});
