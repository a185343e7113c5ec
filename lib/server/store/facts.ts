import { createHash } from "node:crypto";
import type { EffectiveSettings, Group, GroupMember, Organization, Permission, Role, Setting, User } from "@/lib/shared/compliance/schemas";
import { stableJson } from "@/lib/shared/settings/stable-json";
import type { FactKind } from "./schema/directory";

/*
 * A directory record as a fact: its kind, the container it sits in, the key that names it among the
 * facts of one sync, and a digest of what it says. The digest reads only the fields the API
 * documents, in a canonical form (keys sorted, unordered lists sorted), so an unknown field that
 * appears, or a list that comes back in another order, is not a change; the record itself is kept
 * whole, unknown fields included, as `content`.
 */

export interface Fact {
  kind: FactKind;
  scope: string;
  key: string;
  hash: string;
  content: unknown;
}

function digest(known: unknown): string {
  // 128 bits: a collision among one directory's facts is not a realistic risk.
  return createHash("sha256").update(stableJson(known)).digest("hex").slice(0, 32);
}

function pick<T extends object>(record: T, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = (record as Record<string, unknown>)[f] ?? null;
  return out;
}

const sorted = (xs: readonly string[] | null | undefined): string[] | null => (xs ? [...xs].sort() : null);

/** A setting's value as it matters: retention periods without their optional inner `type`, lists as sets. */
export function canonicalSettingValue(setting: Pick<Setting, "value" | "type">): unknown {
  const v = setting.value;
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return [...v].sort();
  if (v && typeof v === "object" && !Array.isArray(v) && (setting.type === "data_retention" || setting.type === undefined)) {
    const out: Record<string, unknown> = {};
    for (const [k, p] of Object.entries(v as Record<string, unknown>)) {
      if (p && typeof p === "object" && !Array.isArray(p)) {
        const period = p as Record<string, unknown>;
        const type = period.type ?? ("duration" in period ? "fixed" : undefined);
        out[k] = { ...period, type };
      } else out[k] = p;
    }
    return out;
  }
  return v;
}

/** The key of the fact named `id` within `scope`: `scope/id`, or the id alone for a parent-wide record. */
export const factKey = (scope: string, id: string): string => (scope ? `${scope}/${id}` : id);

/** The scope of a role's permissions: the role's own key. */
export const permissionScope = (orgUuid: string, roleId: string): string => factKey(orgUuid, roleId);

function fact(kind: FactKind, scope: string, id: string, known: unknown, content: unknown): Fact {
  return { kind, scope, key: factKey(scope, id), hash: digest(known), content };
}

export const organizationFact = (o: Organization): Fact => fact("organization", "", o.uuid, pick(o, ["uuid", "name", "created_at"]), o);

export const memberFact = (orgUuid: string, u: User): Fact =>
  fact("member", orgUuid, u.id, pick(u, ["id", "full_name", "email", "created_at", "organization_role"]), u);

export const roleFact = (orgUuid: string, r: Role): Fact => fact("role", orgUuid, r.id, pick(r, ["id", "name", "description", "created_at", "updated_at"]), r);

/** Permissions have no id: the permission itself is its key, so a role's list is a set. */
export function permissionFact(orgUuid: string, roleId: string, p: Permission): Fact {
  const hash = digest(pick(p, ["action", "resource_type", "resource_id"]));
  const scope = permissionScope(orgUuid, roleId);
  return { kind: "permission", scope, key: factKey(scope, hash), hash, content: p };
}

export const groupFact = (g: Group): Fact =>
  fact("group", "", g.id, { ...pick(g, ["id", "name", "description", "source_type", "created_at", "updated_at"]), roles: sorted(g.roles) }, g);

/** A group's grant of one role, kept apart from the group so a grant shows as its own change. */
export const groupRoleFact = (groupId: string, roleId: string): Fact => {
  const grant = { group_id: groupId, role_id: roleId };
  return fact("group_role", groupId, roleId, grant, grant);
};

export const groupMemberFact = (groupId: string, m: GroupMember): Fact =>
  fact("group_member", groupId, m.user_id, pick(m, ["user_id", "email", "created_at", "updated_at"]), m);

export const settingFact = (orgUuid: string, s: Setting): Fact => fact("setting", orgUuid, s.name, { name: s.name, value: canonicalSettingValue(s) }, s);

/** The settings answer without its settings list (kept as `setting` facts): api_keys, unknown fields. */
export function settingsRecordFact(orgUuid: string, e: EffectiveSettings): Fact {
  const { settings: _settings, ...rest } = e;
  const keys = (e.api_keys ?? [])
    .map((k) => ({ ...pick(k, ["id", "name", "is_active", "created_at", "created_by_id", "expires_at"]), scopes: sorted(k.scopes) }) as Record<string, unknown>)
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return { kind: "settings", scope: orgUuid, key: orgUuid, hash: digest({ organization_id: e.organization_id, api_keys: keys }), content: rest };
}
