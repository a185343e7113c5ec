/** The nine upstream endpoints, for one organization, role and group, under `prefix` (/api/compliance or /api/directory). */
export function endpointPaths(prefix: string, ids: { org: string; role: string; group: string }): string[] {
  const { org, role, group } = ids;
  return [
    `${prefix}/organizations`,
    `${prefix}/organizations/${org}/users`,
    `${prefix}/organizations/${org}/roles`,
    `${prefix}/organizations/${org}/roles/${role}`,
    `${prefix}/organizations/${org}/roles/${role}/permissions`,
    `${prefix}/organizations/${org}/settings`,
    `${prefix}/groups`,
    `${prefix}/groups/${group}`,
    `${prefix}/groups/${group}/members`,
  ];
}
