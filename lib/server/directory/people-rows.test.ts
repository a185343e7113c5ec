import { beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import { simulatedDirectorySuite } from "@/lib/tools/testing/synced-directory";
import { tableRows } from "@/lib/server/downloads/table-rows";
import { catalogLine, personRow } from "./people-rows";
import type { Directory } from "@/lib/shared/directory/types";
import { peopleLineSchema, catalogLineSchema } from "@/lib/shared/directory/wire";

/*
 * What People says each person holds through groups, over a synced simulator directory. The
 * expectations are read from the simulator's own data (groups' role ids, roles' permissions),
 * never from the code under test.
 */

const suite = simulatedDirectorySuite({ seed: "people-rows-access", orgUserCounts: [160, 90, 40], groups: 8 });
let [sim, directory] = [] as unknown as [SimulatorHandle, Directory];
beforeAll(() => void ({ sim, directory } = suite.ready()));

/** From the simulator: role id -> its organization and the actions its permissions name. */
function simRoles() {
  const roles = new Map<string, { org: string; name: string; actions: Set<string> }>();
  for (const o of sim.directory.organizations) {
    for (const r of sim.directory.rolesOf(o.uuid)) roles.set(r.id, { org: o.uuid, name: r.name, actions: new Set(sim.directory.permissionsOf(o.uuid, r.id).map((p) => p.action)) });
  }
  return roles;
}

/** From the simulator: user id -> every (group id, role id) path its groups give. */
function simGrants(roles: ReturnType<typeof simRoles>) {
  const grants = new Map<string, { group: string; role: string }[]>();
  for (const g of sim.directory.groups) {
    for (const m of sim.directory.membersOf(g.id)) {
      for (const roleId of g.roles ?? []) {
        if (!roles.has(roleId)) continue;
        const list = grants.get(m.user_id) ?? [];
        list.push({ group: g.id, role: roleId });
        grants.set(m.user_id, list);
      }
    }
  }
  return grants;
}

describe("a People row's access, computed on the server", () => {
  it("names, by catalog position, every group → role path, each role once, and each action those roles allow", () => {
    const catalog = catalogLineSchema.parse(catalogLine(directory));
    const rows = peopleLineSchema.parse({ type: "people", rows: directory.people.map((p) => personRow(p, directory)) }).rows;
    const roles = simRoles();
    const grants = simGrants(roles);
    expect(grants.size).toBeGreaterThan(0);

    let withActions = 0;
    for (const row of rows) {
      const expected = grants.get(row.id) ?? [];
      const got = row.grants.map(([gi, ri]) => ({ group: catalog.groups[gi]!.id, role: catalog.roles[ri]!.id }));
      const key = (x: { group: string; role: string }) => `${x.group} ${x.role}`;
      expect(got.map(key).sort(), row.id).toEqual(expected.map(key).sort());
      expect(row.roles.map((ri) => catalog.roles[ri]!.id).sort()).toEqual([...new Set(expected.map((x) => x.role))].sort());
      const actions = new Set(expected.flatMap((x) => [...roles.get(x.role)!.actions]));
      expect(row.actions.map((ai) => catalog.actions[ai]).sort()).toEqual([...actions].sort());
      if (actions.size) withActions++;
    }
    expect(withActions).toBeGreaterThan(0);
  });

  it("lists every role with its organization and its own actions, and each action once", () => {
    const catalog = catalogLine(directory);
    const roles = simRoles();
    expect(catalog.roles.map((r) => r.id).sort()).toEqual([...roles.keys()].sort());
    for (const r of catalog.roles) {
      expect(r.organization_uuid).toBe(roles.get(r.id)!.org);
      expect(r.actions.map((ai) => catalog.actions[ai]).sort()).toEqual([...roles.get(r.id)!.actions].sort());
    }
    expect(new Set(catalog.actions).size).toBe(catalog.actions.length);
  });

  it("someone in no group holds no role and no action", () => {
    const loner = directory.people.find((p) => p.groups.length === 0)!;
    expect(loner).toBeDefined();
    expect(personRow(loner, directory)).toMatchObject({ grants: [], roles: [], actions: [] });
  });

  it("the People download carries the same roles, actions and group → role paths", () => {
    const roles = simRoles();
    const grants = simGrants(roles);
    const [userId, paths] = [...grants.entries()].find(([, p]) => p.some((x) => roles.get(x.role)!.actions.size > 0))!;
    const table = tableRows(directory, "people", {});
    expect(table.ok).toBe(true);
    const cells = table.ok ? table.rows.get(userId)! : {};
    const groupName = (id: string) => sim.directory.group(id)!.name;
    for (const x of paths) expect(String(cells.access_paths)).toContain(`${groupName(x.group)} → ${roles.get(x.role)!.name}`);
    const actions = new Set(paths.flatMap((x) => [...roles.get(x.role)!.actions]));
    expect(String(cells.permission_actions).split("; ").sort()).toEqual([...actions].sort());
  });
});
