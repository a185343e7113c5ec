import "server-only";
import type { Change, ChangeKind, ChangeLabels } from "@/lib/shared/changes/change";
import type { HistoryEvent } from "@/lib/shared/changes/history";
import type { Database } from "./database";
import type { FactKind } from "./schema/directory";

/*
 * The history repository: what happened to one person, group, role or organization's settings,
 * sync by sync, read from the fact versions (no upstream). A version that begins where none of its
 * key ended is an arrival (joined, added, granted); one that ends with no successor a departure; a
 * version that replaces another at the same sync a change, kept only when the fields CONTRACT.md's
 * change table names differ (as the changes between two syncs read it). Arrivals at the first kept
 * sync are not events: the record was there before history begins.
 */

interface VersionRow {
  kind: FactKind;
  scope: string;
  key: string;
  content: unknown;
  from_seq: string | number;
  to_seq: string | number | null;
  from_id: string | null;
  from_at: Date | string | null;
  to_id: string | null;
  to_at: Date | string | null;
}

const MAX_EVENTS = 1000;

const rec = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});
const sameFields = (a: unknown, b: unknown, fields: string[]) => fields.every((f) => JSON.stringify(rec(a)[f] ?? null) === JSON.stringify(rec(b)[f] ?? null));
const tail = (r: { key: string; scope: string }) => r.key.slice(r.scope.length + 1);

const KINDS: Partial<Record<FactKind, [ChangeKind, ChangeKind, ChangeKind | null, string[] | null]>> = {
  // [arrived, departed, changed (null: a version change is no event), fields compared (null: any)]
  member: ["member_joined", "member_left", "member_changed", ["email", "full_name", "organization_role"]],
  role: ["role_added", "role_removed", "role_changed", null],
  permission: ["permission_added", "permission_removed", null, null],
  group: ["group_added", "group_removed", "group_changed", ["name", "description", "source_type"]],
  group_role: ["group_role_granted", "group_role_revoked", null, null],
  group_member: ["group_member_added", "group_member_removed", null, null],
  setting: ["setting_changed", "setting_changed", "setting_changed", null],
};

function ids(r: VersionRow): Omit<Change, "kind" | "before" | "after"> {
  switch (r.kind) {
    case "member":
      return { organization_uuid: r.scope, user_id: tail(r) };
    case "role":
      return { organization_uuid: r.scope, role_id: tail(r) };
    case "permission":
      return { organization_uuid: r.scope.slice(0, r.scope.indexOf("/")), role_id: r.scope.slice(r.scope.indexOf("/") + 1) };
    case "group":
      return { group_id: r.key };
    case "group_role":
      return { group_id: r.scope, role_id: tail(r) };
    case "group_member":
      return { group_id: r.scope, user_id: tail(r) };
    case "setting":
      return { organization_uuid: r.scope, setting: tail(r) };
    default:
      return {};
  }
}

const iso = (v: Date | string | null) => (v === null ? null : (v instanceof Date ? v : new Date(v)).toISOString());

function eventsOf(rows: VersionRow[], firstSeq: number): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const byKey = new Map<string, VersionRow[]>();
  for (const r of rows) {
    const k = `${r.kind} ${r.key}`;
    byKey.get(k)?.push(r) ?? byKey.set(k, [r]);
  }
  for (const versions of byKey.values()) {
    versions.sort((a, b) => Number(a.from_seq) - Number(b.from_seq));
    const spec = KINDS[versions[0]!.kind];
    if (!spec) continue;
    const [arrived, departed, changed, fields] = spec;
    const record = (r: VersionRow, v: unknown) => (r.kind === "group_role" ? null : v);
    versions.forEach((v, i) => {
      const prev = versions[i - 1];
      const follows = prev && prev.to_seq !== null && Number(prev.to_seq) === Number(v.from_seq);
      const at = { id: v.from_id ?? "", finished_at: iso(v.from_at), seq: Number(v.from_seq) };
      if (follows) {
        if (changed && (fields === null || !sameFields(prev.content, v.content, fields))) {
          events.push({ kind: changed, ...ids(v), before: prev.content, after: v.content, sync: at });
        }
      } else if (Number(v.from_seq) > firstSeq) {
        events.push({ kind: arrived, ...ids(v), before: null, after: record(v, v.content), sync: at });
      }
      const next = versions[i + 1];
      if (v.to_seq !== null && !(next && Number(next.from_seq) === Number(v.to_seq))) {
        events.push({ kind: departed, ...ids(v), before: record(v, v.content), after: null, sync: { id: v.to_id ?? "", finished_at: iso(v.to_at), seq: Number(v.to_seq) } });
      }
    });
  }
  // Newest first; within one sync, the order of the change table.
  return events.sort((a, b) => b.sync.seq - a.sync.seq).slice(0, MAX_EVENTS);
}

/** The names of the organizations, groups and roles events refer to, from their newest versions. */
async function labelsOf(database: Database, events: HistoryEvent[]): Promise<ChangeLabels> {
  const orgs = [...new Set(events.flatMap((e) => (e.organization_uuid ? [e.organization_uuid] : [])))];
  const groups = [...new Set(events.flatMap((e) => (e.group_id ? [e.group_id] : [])))];
  const roles = [...new Set(events.flatMap((e) => (e.role_id ? [e.role_id] : [])))];
  const labels: ChangeLabels = { organizations: {}, groups: {}, roles: {} };
  if (!orgs.length && !groups.length && !roles.length) return labels;
  const rows = await database.query<{ kind: string; key: string; content: Record<string, unknown> }>(
    `select distinct on (kind, key) kind, key, content from directory_facts
     where (kind = 'organization' and key = any($1::text[])) or (kind = 'group' and key = any($2::text[]))
        or (kind = 'role' and split_part(key, '/', 2) = any($3::text[]))
     order by kind, key, from_seq desc`,
    [orgs, groups, roles],
  );
  for (const r of rows) {
    const name = typeof r.content.name === "string" ? r.content.name : r.key;
    if (r.kind === "organization") labels.organizations[r.key] = name;
    else if (r.kind === "group") labels.groups[r.key] = { name, roles: Array.isArray(r.content.roles) ? r.content.roles.map(String) : [] };
    else labels.roles[r.key.slice(r.key.indexOf("/") + 1)] = { name, organization_uuid: r.key.slice(0, r.key.indexOf("/")) };
  }
  return labels;
}

export function historyRepository(database: Database) {
  async function read(where: string, params: unknown[]): Promise<HistoryEvent[]> {
    const [first] = await database.query<{ seq: string | number | null }>(`select min(seq) as seq from syncs where status = 'complete'`);
    const rows = await database.query<VersionRow>(
      `select f.kind, f.scope, f.key, f.content, f.from_seq, f.to_seq, sf.id as from_id, sf.finished_at as from_at, st.id as to_id, st.finished_at as to_at
       from directory_facts f left join syncs sf on sf.seq = f.from_seq left join syncs st on st.seq = f.to_seq
       where ${where}`,
      params,
    );
    return eventsOf(rows, Number(first?.seq ?? 0));
  }
  return {
    labels: (events: HistoryEvent[]) => labelsOf(database, events),
    /** Organizations joined and left, role, email and name changes, groups added to and removed from. */
    person: (userId: string) =>
      read(`(f.kind = 'member' and f.content->>'id' = $1) or (f.kind = 'group_member' and f.content->>'user_id' = $1)`, [userId]),
    /** The group itself, its role grants and its members. */
    group: (groupId: string) => read(`(f.kind = 'group' and f.key = $1) or (f.kind in ('group_role', 'group_member') and f.scope = $1)`, [groupId]),
    /** The role, its permissions, and the groups granted it. */
    role: (orgUuid: string, roleId: string) =>
      read(`(f.kind = 'role' and f.key = $1) or (f.kind = 'permission' and f.scope = $1) or (f.kind = 'group_role' and f.content->>'role_id' = $2)`, [`${orgUuid}/${roleId}`, roleId]),
    /** Every setting of one organization. */
    settings: (orgUuid: string) => read(`f.kind = 'setting' and f.scope = $1`, [orgUuid]),
  };
}
