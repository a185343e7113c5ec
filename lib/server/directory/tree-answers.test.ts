import { describe, expect, it } from "vitest";
import { buildDirectory } from "@/lib/tools/simulator/directory";
import { OVERVIEW_SETTINGS } from "@/lib/shared/directory/tree-wire";
import type { Directory } from "@/lib/shared/directory/types";
import { joinedSimulatorDirectory } from "@/lib/tools/testing/joined-directory";
import { groupMembersJoined, groupSizes, organizationOverview, organizationsRoles, organizationsSettings } from "./tree-answers";

/*
 * The whole-tree answers from a sync's directory against the simulator's own lists. The Overview's
 * counts are counted here the way the live page counts them (each organization's lists, groups by
 * role), so the two roads give the officer the same numbers.
 */

const sim = buildDirectory({ seed: "organization-overview", orgs: 6, users: 2_500, groups: 14 });

function joined(): Directory {
  const directory = joinedSimulatorDirectory(sim);
  directory.settingsByOrganization = new Map(sim.organizations.slice(1).map((o) => [o.uuid, sim.settingsOf(o.uuid)!]));
  return directory;
}

describe("the Overview counted from a sync", () => {
  const directory = joined();
  const overview = organizationOverview(directory);

  it("gives each organization its user list's length, its roles, and the groups holding one of its roles", () => {
    expect(overview.organizations.map((o) => o.uuid)).toEqual(sim.organizations.map((o) => o.uuid));
    for (const o of sim.organizations) {
      const roleIds = new Set(sim.rolesOf(o.uuid).map((r) => r.id));
      const row = overview.organizations.find((r) => r.uuid === o.uuid)!;
      expect(row).toMatchObject({ name: o.name, created_at: o.created_at });
      expect(row.users).toBe(sim.usersOf(o.uuid).length);
      expect(row.roles).toBe(roleIds.size);
      expect(row.groups).toBe(sim.groups.filter((g) => (g.roles ?? []).some((r) => roleIds.has(r))).length);
    }
    expect(overview.organizations.some((o) => o.groups > 0)).toBe(true);
  });

  it("counts a person in several organizations once among users and once per organization among memberships", () => {
    const lists = sim.organizations.map((o) => sim.usersOf(o.uuid));
    expect(overview.uniqueUsers).toBe(new Set(lists.flat().map((u) => u.id)).size);
    expect(overview.memberships).toBe(lists.reduce((n, l) => n + l.length, 0));
    expect(overview.memberships).toBeGreaterThan(overview.uniqueUsers);
    expect(overview.groups).toBe(sim.groups.length);
  });

  it("carries only the settings the badges read, and says when the sync holds none for an organization", () => {
    expect(overview.organizations[0]!.settings).toBeNull();
    const names = new Set(Object.values(OVERVIEW_SETTINGS));
    for (const row of overview.organizations.slice(1)) {
      const all = sim.settingsOf(row.uuid)!.settings;
      expect(row.settings).toEqual(all.filter((s) => names.has(s.name as never)));
      expect(row.settings!.length).toBeGreaterThan(0);
    }
  });

  it("is counted once per directory", () => {
    expect(organizationOverview(directory)).toBe(overview);
  });
});

describe("every organization's settings from a sync", () => {
  it("lists each organization in order with its settings as the sync read them, or null where it holds none", () => {
    const answer = organizationsSettings(joined());
    expect(answer.organizations.map((o) => [o.uuid, o.name])).toEqual(sim.organizations.map((o) => [o.uuid, o.name]));
    expect(answer.organizations[0]!.settings).toBeNull();
    for (const o of answer.organizations.slice(1)) expect(o.settings).toEqual(sim.settingsOf(o.uuid));
  });
});

describe("roles and groups from a sync", () => {
  const directory = joined();

  it("lists every organization's roles in order, as each organization's roles list gives them", () => {
    const answer = organizationsRoles(directory);
    expect(answer.organizations.map((o) => o.uuid)).toEqual(sim.organizations.map((o) => o.uuid));
    for (const o of answer.organizations) expect(o.roles).toEqual(sim.rolesOf(o.uuid));
  });

  it("counts every group's members", () => {
    const { members } = groupSizes(directory);
    expect(members).toEqual(sim.groups.map((g) => [g.id, sim.membersOf(g.id).length]));
  });

  it("sends a group with its joined members, and nothing for a group the sync does not hold", () => {
    const g = sim.groups.find((x) => sim.membersOf(x.id).length > 0)!;
    const answer = groupMembersJoined(directory, g.id)!;
    expect(answer.group).toEqual(g);
    expect(answer.members.map((m) => m.userId)).toEqual(sim.membersOf(g.id).map((m) => m.user_id));
    expect(groupMembersJoined(directory, "rbac_group_not_there")).toBeUndefined();
  });
});
