import type { DirectorySource, PageStream } from "@/lib/server/directory/source";
import type { Directory } from "@/lib/tools/simulator/directory";
import { PAGE } from "./minimum-calls";

/*
 * The sync's DirectorySource read straight from a simulator Directory object in this process, in
 * pages of 1,000 as the upstream serves them: the storage measure runs thirty syncs without HTTP or
 * a throttle, so it times the store, not the network. Records are JSON round-tripped, as a real
 * answer would be parsed.
 */

function pagesOf<T>(rows: readonly T[]): PageStream<T> {
  return (async function* () {
    if (rows.length === 0) {
      yield [];
      return;
    }
    for (let i = 0; i < rows.length; i += PAGE) yield JSON.parse(JSON.stringify(rows.slice(i, i + PAGE))) as T[];
  })();
}

export function localDirectorySource(d: Directory): DirectorySource {
  return {
    organizations: () => pagesOf(d.organizations),
    organizationUsers: (uuid) => pagesOf(d.usersOf(uuid)),
    roles: (uuid) => pagesOf(d.rolesOf(uuid)),
    groups: () => pagesOf(d.groups),
    groupMembers: (id) => pagesOf(d.membersOf(id)),
    rolePermissions: (uuid, roleId) => pagesOf(d.permissionsOf(uuid, roleId)),
    organizationSettings: async (uuid) => {
      const s = d.settingsOf(uuid);
      if (!s) throw new Error(`no settings for organization ${uuid}`);
      return JSON.parse(JSON.stringify(s)) as Awaited<ReturnType<DirectorySource["organizationSettings"]>>;
    },
  };
}
