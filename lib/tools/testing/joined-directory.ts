import { joinDirectory } from "@/lib/server/directory/join";
import type { Directory as SimulatedDirectory } from "@/lib/tools/simulator/directory";
import type { Directory } from "@/lib/shared/directory/types";

/*
 * Test harness: a simulator's directory joined as a sync's would be, in process (no network, no
 * store), with every role's permissions. Settings are left to the test, which chooses whose to hold.
 */
export function joinedSimulatorDirectory(sim: SimulatedDirectory): Directory {
  const directory = joinDirectory({
    organizations: [...sim.organizations],
    usersByOrganization: new Map(sim.organizations.map((o) => [o.uuid, [...sim.usersOf(o.uuid)]])),
    rolesByOrganization: new Map(sim.organizations.map((o) => [o.uuid, [...sim.rolesOf(o.uuid)]])),
    groups: [...sim.groups],
    membersByGroup: new Map(sim.groups.map((g) => [g.id, [...sim.membersOf(g.id)]])),
    startedAt: 0,
    builtAt: 0,
    pages: 0,
  });
  directory.permissionsByRole = new Map(sim.organizations.flatMap((o) => sim.rolesOf(o.uuid).map((r) => [`${o.uuid}/${r.id}`, [...sim.permissionsOf(o.uuid, r.id)]] as const)));
  return directory;
}
