import { resolveEntries, splitEntries, countResolution, normalizeEmail, type ResolvedEntry } from "@/lib/directory/entries";
import { emailDomain } from "@/lib/format/email";
import type { PeopleDirectory } from "./directory-queries";

/*
 * The People table's rows: one per `user_...` id, with organization names joined from the catalog
 * once, so filtering and faceting 50,000 rows never looks anything up per row.
 */

export interface PeopleTableRow {
  id: string;
  email: string;
  name: string;
  domain: string;
  /** Organization names, in the tree's order. */
  organizations: string[];
  organizationUuids: string[];
  /** Distinct organization roles across their organizations. */
  organizationRoles: string[];
  /** "admin in Acme Legal": each membership in words, for the cell and the CSV. */
  memberships: { organization: string; uuid: string; role: string }[];
  groupCount: number;
  groups: string[];
  /** Group ids (the groups facet's values; names are in the catalog). */
  groupIds: string[];
  /** RBAC role ids held through groups (the roles facet's values). */
  rbacRoles: string[];
  /** Permission actions those roles allow (`chats:export`), each once. */
  actions: string[];
  /** Each group → role path, shared between the people who have it. */
  grants: AccessGrant[];
}

/** One group → role path: the group, the role it grants in an organization, what the role allows. */
export interface AccessGrant {
  groupId: string;
  groupName: string;
  roleId: string;
  roleName: string;
  organizationUuid: string;
  organizationName: string;
  actions: ReadonlySet<string>;
}

export function peopleTableRows(dir: PeopleDirectory): PeopleTableRow[] {
  const orgName = new Map(dir.catalog.organizations.map((o) => [o.uuid, o.name]));
  const groupName = new Map(dir.catalog.groups.map((g) => [g.id, g.name]));
  const { roles, actions, groups } = dir.catalog;
  const roleActions = roles.map((role) => role.actions.flatMap((ai) => (actions[ai] === undefined ? [] : [actions[ai]!])));
  // One object per distinct group → role path, however many people share it.
  const grantCache = new Map<number, AccessGrant | null>();
  const grantOf = (gi: number, ri: number): AccessGrant | null => {
    const key = gi * 1_000_003 + ri;
    let grant = grantCache.get(key);
    if (grant === undefined) {
      const group = groups[gi];
      const role = roles[ri];
      grant =
        group && role
          ? {
              groupId: group.id,
              groupName: group.name,
              roleId: role.id,
              roleName: role.name,
              organizationUuid: role.organization_uuid,
              organizationName: orgName.get(role.organization_uuid) ?? role.organization_uuid,
              actions: new Set(roleActions[ri]),
            }
          : null;
      grantCache.set(key, grant);
    }
    return grant;
  };
  return dir.rows.map((r) => {
    const memberships = r.memberships.map((m) => ({ organization: orgName.get(m.organization_uuid) ?? m.organization_uuid, uuid: m.organization_uuid, role: m.organization_role }));
    return {
      id: r.id,
      email: r.email,
      name: r.full_name,
      domain: emailDomain(r.email),
      organizations: memberships.map((m) => m.organization),
      organizationUuids: memberships.map((m) => m.uuid),
      organizationRoles: [...new Set(memberships.map((m) => m.role))],
      memberships,
      groupCount: r.group_ids.length,
      groups: r.group_ids.map((id) => groupName.get(id) ?? id),
      groupIds: r.group_ids,
      rbacRoles: r.roles.flatMap((ri) => (roles[ri] ? [roles[ri]!.id] : [])),
      actions: r.actions.flatMap((ai) => (actions[ai] === undefined ? [] : [actions[ai]!])),
      grants: r.grants.flatMap(([gi, ri]) => grantOf(gi, ri) ?? []),
    };
  });
}

export interface PasteFilterResult {
  /** Ids of the rows the list names. */
  ids: Set<string>;
  results: ResolvedEntry<PeopleTableRow>[];
  /** Distinct entries (blanks and repeats left out), and how many of them named someone. */
  entries: number;
  found: number;
  /** Ids and emails no one in the directory has. */
  notFound: string[];
  /** Entries that are neither an id nor an email. */
  invalid: string[];
  duplicates: number;
}

/** A pasted list of ids and emails against the rows, by the same rules as seed lists. */
export function applyPastedList(rows: readonly PeopleTableRow[], text: string): PasteFilterResult {
  const peopleById = new Map(rows.map((r) => [r.id, r]));
  const peopleByEmail = new Map<string, PeopleTableRow[]>();
  for (const r of rows) {
    const k = normalizeEmail(r.email);
    const list = peopleByEmail.get(k);
    if (list) list.push(r);
    else peopleByEmail.set(k, [r]);
  }
  const results = resolveEntries({ peopleById, peopleByEmail }, splitEntries(text));
  const ids = new Set<string>();
  const notFound: string[] = [];
  const invalid: string[] = [];
  for (const r of results) {
    if (r.status === "matched") for (const p of r.people) ids.add(p.id);
    else if (r.status === "unmatched") (r.reason === "not_found" ? notFound : invalid).push(r.input.trim());
  }
  const c = countResolution(results);
  return { ids, results, entries: c.matched + c.unmatched, found: c.matched, notFound, invalid, duplicates: c.duplicate };
}
