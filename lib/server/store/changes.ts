import "server-only";
import type { Change, ChangeKind, ChangeLabels } from "@/lib/shared/changes/change";
import type { Database } from "./database";
import type { SyncRecord } from "./syncs";

/*
 * The changes repository: every difference between two complete syncs, read from fact versions
 * alone (no upstream). The versions true at A but not at B (the before side) meet the versions true
 * at B but not at A (the after side) on (kind, key); a pair whose hashes are equal is the same fact
 * (a version that ended and came back), so it is no change. Hashes read only documented fields in
 * canonical form (facts.ts), so an unknown field or an ordering alone never makes a version, and
 * never a change.
 *
 * Only the versions that start or end between the two syncs are read (indexes on from_seq and
 * to_seq), so the cost follows the churn, not the size of the directory.
 */

/** Fact kinds in the order changes are listed; the `settings` record (api_keys) has no change kind. */
const FACT_ORDER = ["organization", "member", "role", "permission", "group", "group_role", "group_member", "setting"] as const;

const ORDER_CASE = `case fact_kind ${FACT_ORDER.map((k, i) => `when '${k}' then ${i}`).join(" ")} end`;

const same = (fields: string[]) =>
  `jsonb_build_object(${fields.map((f) => `'${f}', before->'${f}'`).join(", ")}) = jsonb_build_object(${fields.map((f) => `'${f}', after->'${f}'`).join(", ")})`;

const added = "before_hash is null";
const removed = "after_hash is null";

// CONTRACT.md's table. A member or group whose documented fields differ only outside the ones the
// table names (a group's role list, which group_role facts carry; a timestamp) is no change.
const KIND_CASE = `case fact_kind
  when 'organization' then case when ${added} then 'organization_added' when ${removed} then 'organization_removed' else 'organization_changed' end
  when 'member' then case when ${added} then 'member_joined' when ${removed} then 'member_left'
    when not (${same(["email", "full_name", "organization_role"])}) then 'member_changed' end
  when 'role' then case when ${added} then 'role_added' when ${removed} then 'role_removed' else 'role_changed' end
  when 'permission' then case when ${added} then 'permission_added' when ${removed} then 'permission_removed' end
  when 'group' then case when ${added} then 'group_added' when ${removed} then 'group_removed'
    when not (${same(["name", "description", "source_type"])}) then 'group_changed' end
  when 'group_role' then case when ${added} then 'group_role_granted' when ${removed} then 'group_role_revoked' end
  when 'group_member' then case when ${added} then 'group_member_added' when ${removed} then 'group_member_removed' end
  when 'setting' then 'setting_changed'
end`;

const TAIL = "substr(key, length(scope) + 2)";

/**
 * The classified differences between the syncs of seq $1 and $2 ($3: true when $1 is the later one,
 * so sides swap). Columns: fact_kind, key, kind_order, change_kind, ids, before, after.
 */
const DIFF = `
with old_side as (
  select kind, scope, key, hash, content from directory_facts
  where to_seq > least($1::bigint, $2::bigint) and to_seq <= greatest($1::bigint, $2::bigint) and from_seq <= least($1::bigint, $2::bigint) and kind <> 'settings'
), new_side as (
  select kind, scope, key, hash, content from directory_facts
  where from_seq > least($1::bigint, $2::bigint) and from_seq <= greatest($1::bigint, $2::bigint)
    and (to_seq is null or to_seq > greatest($1::bigint, $2::bigint)) and kind <> 'settings'
), pairs as (
  select coalesce(o.kind, n.kind) as fact_kind, coalesce(o.scope, n.scope) as scope, coalesce(o.key, n.key) as key,
    case when $3::boolean then n.hash else o.hash end as before_hash,
    case when $3::boolean then o.hash else n.hash end as after_hash,
    case when $3::boolean then n.content else o.content end as before,
    case when $3::boolean then o.content else n.content end as after
  from old_side o full join new_side n on n.kind = o.kind and n.key = o.key
  where o.hash is distinct from n.hash
), classified as (
  select fact_kind, key, before, after, ${ORDER_CASE} as kind_order, ${KIND_CASE} as change_kind,
    case fact_kind when 'organization' then key when 'permission' then split_part(scope, '/', 1)
      when 'member' then scope when 'role' then scope when 'setting' then scope end as organization_uuid,
    case fact_kind when 'member' then ${TAIL} when 'group_member' then ${TAIL} end as user_id,
    case fact_kind when 'role' then ${TAIL} when 'group_role' then ${TAIL}
      when 'permission' then substr(scope, strpos(scope, '/') + 1) end as role_id,
    case fact_kind when 'group' then key when 'group_role' then scope when 'group_member' then scope end as group_id,
    case fact_kind when 'setting' then ${TAIL} end as setting
  from pairs
)`;

interface DiffRow {
  fact_kind: string;
  key: string;
  kind_order: number | string;
  change_kind: ChangeKind;
  organization_uuid: string | null;
  user_id: string | null;
  role_id: string | null;
  group_id: string | null;
  setting: string | null;
  before: unknown;
  after: unknown;
}

/** A position in the list of changes between two syncs: after (kind_order, key). */
export interface ChangesPosition {
  order: number;
  key: string;
}

export interface ChangesPageRequest {
  from: SyncRecord;
  to: SyncRecord;
  kind?: ChangeKind;
  limit: number;
  after?: ChangesPosition;
}

export interface ChangesPage {
  changes: Change[];
  /** Where the next page starts; null when this page is the last. */
  next: ChangesPosition | null;
}

export interface ChangeCountRow {
  kind: ChangeKind;
  organization_uuid: string | null;
  count: number;
}

function toChange(r: DiffRow): Change {
  const c: Change = { kind: r.change_kind, before: null, after: null };
  if (r.organization_uuid !== null) c.organization_uuid = r.organization_uuid;
  if (r.user_id !== null) c.user_id = r.user_id;
  if (r.role_id !== null) c.role_id = r.role_id;
  if (r.group_id !== null) c.group_id = r.group_id;
  if (r.setting !== null) c.setting = r.setting;
  // A group's role grant has no record of its own (CONTRACT.md: null both sides).
  if (r.fact_kind !== "group_role") {
    c.before = r.before ?? null;
    c.after = r.after ?? null;
  }
  return c;
}

const pairParams = (from: SyncRecord, to: SyncRecord) => [from.seq, to.seq, from.seq > to.seq];

export function changesRepository(database: Database) {
  return {
    /** One page of the changes from `from` to `to`, in (kind, key) order, bytes compared. */
    async page(req: ChangesPageRequest): Promise<ChangesPage> {
      const params: unknown[] = [...pairParams(req.from, req.to), req.kind ?? null, req.limit + 1, req.after?.order ?? -1, req.after?.key ?? ""];
      const rows = await database.query<DiffRow>(
        `${DIFF}
         select * from classified
         where change_kind is not null and ($4::text is null or change_kind = $4::text)
           and (kind_order > $6::int or (kind_order = $6::int and key collate "C" > $7::text collate "C"))
         order by kind_order, key collate "C"
         limit $5::int`,
        params,
      );
      const more = rows.length > req.limit;
      const shown = more ? rows.slice(0, req.limit) : rows;
      const last = shown[shown.length - 1];
      return { changes: shown.map(toChange), next: more && last ? { order: Number(last.kind_order), key: last.key } : null };
    },

    /** How many changes of each kind, per organization (null: groups, which belong to none), in one query. */
    async counts(from: SyncRecord, to: SyncRecord): Promise<ChangeCountRow[]> {
      const rows = await database.query<{ change_kind: ChangeKind; organization_uuid: string | null; n: string | number }>(
        `${DIFF}
         select change_kind, organization_uuid, count(*) as n from classified
         where change_kind is not null group by change_kind, organization_uuid`,
        pairParams(from, to),
      );
      return rows.map((r) => ({ kind: r.change_kind, organization_uuid: r.organization_uuid, count: Number(r.n) }));
    },

    /**
     * The organizations, groups and roles the changes name, as they stood at `to` (or at `from` when
     * they are gone): names for the page, and each group's roles (a member added to a group that
     * grants roles widens access).
     */
    async labels(from: SyncRecord, to: SyncRecord): Promise<ChangeLabels> {
      const rows = await database.query<{ kind: string; key: string; content: Record<string, unknown> }>(
        `${DIFF}, refs as (select distinct organization_uuid, role_id, group_id from classified where change_kind is not null)
         select distinct on (kind, key) kind, key, content from directory_facts
         where kind in ('organization', 'group', 'role')
           and ((from_seq <= $1::bigint and (to_seq is null or to_seq > $1::bigint)) or (from_seq <= $2::bigint and (to_seq is null or to_seq > $2::bigint)))
           and ((kind = 'organization' and key in (select organization_uuid from refs))
             or (kind = 'group' and key in (select group_id from refs))
             or (kind = 'role' and split_part(key, '/', 2) in (select role_id from refs)))
         order by kind, key, (from_seq <= $2::bigint and (to_seq is null or to_seq > $2::bigint)) desc`,
        pairParams(from, to),
      );
      const labels: ChangeLabels = { organizations: {}, groups: {}, roles: {} };
      for (const r of rows) {
        const name = typeof r.content.name === "string" ? r.content.name : r.key;
        if (r.kind === "organization") labels.organizations[r.key] = name;
        else if (r.kind === "group") {
          const roles = Array.isArray(r.content.roles) ? r.content.roles.filter((x): x is string => typeof x === "string") : [];
          labels.groups[r.key] = { name, roles };
        } else {
          const [org, roleId] = [r.key.slice(0, r.key.indexOf("/")), r.key.slice(r.key.indexOf("/") + 1)];
          labels.roles[roleId] = { name, organization_uuid: org };
        }
      }
      return labels;
    },
  };
}

export type ChangesRepository = ReturnType<typeof changesRepository>;
