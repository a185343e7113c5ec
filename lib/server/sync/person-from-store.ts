import "server-only";
import type { Database } from "@/lib/server/store/database";
import { factKey, permissionScope } from "@/lib/server/store/facts";
import type { SyncRecord } from "@/lib/server/store/syncs";
import type { FactList } from "./directory-from-sync";

/*
 * One person's facts as they stood in a complete sync, read from the store by key: what that
 * person's page needs, for the time the whole directory is still being read into memory (after a
 * restart, about a second of CPU at 200,000 memberships, shared with everything else starting).
 * Joined by directoryOfFactLists like the whole directory's facts, they give the same person
 * (person-from-store.test.ts compares every person of two syncs). Three statements, each on an
 * index: the tree's organizations, roles and groups (a few thousand records); the person's
 * memberships and group memberships by key; the permissions of the roles their groups grant.
 */

interface FactRow {
  kind: string;
  scope: string;
  content: Record<string, unknown>;
}

/** The versions true at sync `$1`: current ones from the partial index, and those a later sync has since closed. */
const TRUE_AT = `from_seq <= $1 and (to_seq is null or to_seq > $1)`;

async function factsByKey(database: Database, seq: number, kinds: string[], keys: string[]): Promise<FactRow[]> {
  if (keys.length === 0) return [];
  // Two branches so the current one uses directory_facts_current (kind, key where to_seq is null).
  return database.query<FactRow>(
    `select kind, scope, content from directory_facts
       where to_seq is null and from_seq <= $1 and (kind, key) in (select * from unnest($2::text[], $3::text[]))
     union all
     select kind, scope, content from directory_facts
       where to_seq > $1 and from_seq <= $1 and (kind, key) in (select * from unnest($2::text[], $3::text[]))`,
    [seq, kinds, keys],
  );
}

function listsOf(rows: readonly FactRow[]): FactList[] {
  const lists = new Map<string, FactList>();
  for (const row of rows) {
    const id = `${row.kind}\u0000${row.scope}`;
    let list = lists.get(id);
    if (!list) lists.set(id, (list = { kind: row.kind, scope: row.scope, items: [] }));
    list.items.push(row.content);
  }
  return [...lists.values()];
}

/** The facts of `sync` that `userId`'s detail is made of (none of theirs when nobody lists them). */
export async function personFactLists(database: Database, sync: SyncRecord, userId: string): Promise<FactList[]> {
  const tree = await database.query<FactRow>(`select kind, scope, content from directory_facts where kind in ('organization', 'role', 'group') and ${TRUE_AT}`, [sync.seq]);
  const organizations = tree.filter((r) => r.kind === "organization").map((r) => String(r.content.uuid));
  const groups = tree.filter((r) => r.kind === "group");

  // A membership is named by the user within its organization, a group's member by the user within the group.
  const kinds = [...organizations.map(() => "member"), ...groups.map(() => "group_member")];
  const keys = [...organizations.map((org) => factKey(org, userId)), ...groups.map((g) => factKey(String(g.content.id), userId))];
  const own = await factsByKey(database, sync.seq, kinds, keys);

  // The permissions of every role a group of theirs grants, in each organization that has a role of that id.
  const inGroups = new Set(own.filter((r) => r.kind === "group_member").map((r) => r.scope));
  const granted = new Set(groups.filter((g) => inGroups.has(String(g.content.id))).flatMap((g) => (Array.isArray(g.content.roles) ? g.content.roles.map(String) : [])));
  const scopes = tree.filter((r) => r.kind === "role" && granted.has(String(r.content.id))).map((r) => permissionScope(r.scope, String(r.content.id)));
  const permissions = scopes.length
    ? await database.query<FactRow>(`select kind, scope, content from directory_facts where kind = 'permission' and scope = any($2::text[]) and ${TRUE_AT}`, [sync.seq, scopes])
    : [];

  return listsOf([...tree, ...own, ...permissions]);
}
