import { resolveEntries, splitEntries, countResolution, normalizeEmail, type ResolvedEntry } from "@/lib/shared/directory/entries";
import { emailDomain } from "@/lib/shared/format/email";
import type { PeopleQueryRow } from "@/lib/shared/directory/people-query-wire";
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

/** The NDJSON directory's rows (ids and catalog positions) with their names joined, as the query route sends them. */
export function peopleTableRows(dir: PeopleDirectory): PeopleTableRow[] {
  const orgName = new Map(dir.catalog.organizations.map((o) => [o.uuid, o.name]));
  const groupName = new Map(dir.catalog.groups.map((g) => [g.id, g.name]));
  const { roles, actions, groups } = dir.catalog;
  const actionsOf = (indexes: readonly number[]) => indexes.flatMap((ai) => (actions[ai] === undefined ? [] : [actions[ai]!]));
  const grantOf = ([gi, ri]: [number, number]): PeopleQueryRow["grants"] => {
    const group = groups[gi];
    const role = roles[ri];
    if (!group || !role) return [];
    const organization = orgName.get(role.organization_uuid) ?? role.organization_uuid;
    return [{ group_id: group.id, group: group.name, role_id: role.id, role: role.name, organization_uuid: role.organization_uuid, organization, actions: actionsOf(role.actions) }];
  };
  return dir.rows.map((r) =>
    peopleTableRowFromWire({
      id: r.id,
      email: r.email,
      full_name: r.full_name,
      memberships: r.memberships.map((m) => ({ organization_uuid: m.organization_uuid, organization: orgName.get(m.organization_uuid) ?? m.organization_uuid, role: m.organization_role })),
      groups: r.group_ids.map((id) => ({ id, name: groupName.get(id) ?? id })),
      roles: r.roles.flatMap((ri) => (roles[ri] ? [roles[ri]!.id] : [])),
      actions: actionsOf(r.actions),
      grants: r.grants.flatMap(grantOf),
    }),
  );
}

/** A row as the People query route sends it (names joined on the server), as the table's row. */
export function peopleTableRowFromWire(r: PeopleQueryRow): PeopleTableRow {
  const memberships = r.memberships.map((m) => ({ organization: m.organization, uuid: m.organization_uuid, role: m.role }));
  return {
    id: r.id,
    email: r.email,
    name: r.full_name,
    domain: emailDomain(r.email),
    organizations: memberships.map((m) => m.organization),
    organizationUuids: memberships.map((m) => m.uuid),
    organizationRoles: [...new Set(memberships.map((m) => m.role))],
    memberships,
    groupCount: r.groups.length,
    groups: r.groups.map((g) => g.name),
    groupIds: r.groups.map((g) => g.id),
    rbacRoles: r.roles,
    actions: r.actions,
    grants: r.grants.map((g) => ({
      groupId: g.group_id,
      groupName: g.group,
      roleId: g.role_id,
      roleName: g.role,
      organizationUuid: g.organization_uuid,
      organizationName: g.organization,
      actions: new Set(g.actions),
    })),
  };
}

/**
 * A wire row's table row, built once: a keystroke's narrowed window (people-narrow.ts) holds the
 * shown answer's own wire rows, so its table rows are the ones already built.
 */
const tableRowOfWire = new WeakMap<PeopleQueryRow, PeopleTableRow>();

export function peopleTableRowOf(r: PeopleQueryRow): PeopleTableRow {
  let row = tableRowOfWire.get(r);
  if (!row) {
    row = peopleTableRowFromWire(r);
    tableRowOfWire.set(r, row);
  }
  return row;
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
