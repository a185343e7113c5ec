import { describe, expect, it } from "vitest";
import { buildDirectory } from "@/lib/tools/simulator/directory";
import { buildUserDirectory, joinMembers } from "@/lib/shared/groups/member-directory";
import { joinedSimulatorDirectory } from "@/lib/tools/testing/joined-directory";
import { groupMemberRows } from "./group-members";

/*
 * A group's members joined from a sync's directory against the join the group page makes from
 * every organization's users list: the same rows, names and organizations, in the same order.
 */

const sim = buildDirectory({ seed: "group-members", orgs: 5, users: 2_000, groups: 16 });
const directory = joinedSimulatorDirectory(sim);
const fromLists = buildUserDirectory(sim.organizations.map((o) => ({ organization: o, users: sim.usersOf(o.uuid) })));

describe("a group's members joined from the directory", () => {
  it("gives every group the rows the organization users lists give", () => {
    let named = 0;
    let unlisted = 0;
    for (const g of sim.groups) {
      const rows = groupMemberRows(directory, g.id)!;
      expect(rows, g.name).toEqual(joinMembers(sim.membersOf(g.id), fromLists));
      named += rows.filter((r) => r.fullName !== undefined && r.memberships.length > 1).length;
      unlisted += rows.filter((r) => r.fullName === undefined).length;
    }
    // The simulator puts people in several organizations, and some members in none: both roads are exercised.
    expect(named).toBeGreaterThan(0);
    expect(unlisted).toBeGreaterThan(0);
  });

  it("answers nothing for a group the directory does not hold", () => {
    expect(groupMemberRows(directory, "rbac_group_not_there")).toBeUndefined();
  });
});
