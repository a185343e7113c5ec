import { ORGANIZATION_ROLES, type Group, type GroupMember, type Permission, type Role, type Setting, type User } from "@/lib/shared/compliance/schemas";
import type { DirectoryState, Member, OrgDelta } from "./directory";
import { CHANGE_KINDS as CONTRACT_CHANGE_KINDS, type ChangeKind as ContractChangeKind } from "@/lib/shared/changes/change";
import { rngFor } from "./random";
import { END_MS, isoMillis, isoSeconds } from "./time";

/*
 * Changes to the synthetic directory, applied as overlays (directory.ts) and answered in
 * CONTRACT.md's change vocabulary, so a test can compare what it changed with what the app
 * detects between two syncs. One batch (one call) gets one time: records it creates carry
 * END_MS + batch days (plus a millisecond per record, to keep join order), so a batch is
 * reproducible. Existing records keep their timestamps unless the change is to that record itself.
 */

/** CONTRACT.md's kinds (lib/shared/changes/change.ts), less the two the simulator cannot make: its organizations are fixed. */
type SimulatedKind = Exclude<ContractChangeKind, "organization_added" | "organization_removed">;
export const CHANGE_KINDS = CONTRACT_CHANGE_KINDS.filter((k): k is SimulatedKind => k !== "organization_added" && k !== "organization_removed");
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One change made, as CONTRACT.md's `Change`: the kind, the ids it is about, and the records. */
export interface Change {
  kind: ChangeKind;
  organization_uuid?: string;
  user_id?: string;
  role_id?: string;
  group_id?: string;
  setting?: string;
  before: unknown;
  after: unknown;
}

/**
 * A change to make. Ids name what it is about: `org` (organization uuid), `user` (user id), `role`
 * (role id), `group` (group id), `setting` (its name). The rest says what to set:
 *
 * - member_joined: org; user (an existing person) or none (a new person; `full_name`, `email`
 *   optional); `organization_role` (default "user")
 * - member_left: org, user
 * - member_changed: user; `organization_role` (with org), `full_name`, `email` (everywhere the
 *   person is a member: one member_changed per organization)
 * - role_added: org; `name`, `description`, `permissions`, `id` optional
 * - role_removed: org, role (also removes its permissions and revokes it from every group)
 * - role_changed: org, role; `name` and/or `description`
 * - permission_added / permission_removed: org, role, `permission` {action, resource_id, resource_type}
 * - group_added: `name`; `description`, `source_type`, `roles`, `members` (user ids), `id` optional
 * - group_removed: group (also removes its members and revokes its roles)
 * - group_changed: group; `name`, `description` and/or `source_type`
 * - group_role_granted / group_role_revoked: group, role
 * - group_member_added / group_member_removed: group, user
 * - setting_changed: org, setting; `value` (and `type` for a setting not listed yet), or
 *   `listed: false` to stop listing it
 * - organization_changed: org, `name`
 *
 * `person`/`persons` (person indices) stand for `user`/`members` in changes churn.ts draws.
 */
export interface ChangeRequest {
  kind: ChangeKind;
  org?: string;
  user?: string;
  person?: number;
  role?: string;
  group?: string;
  setting?: string;
  id?: string;
  name?: string;
  description?: string;
  full_name?: string;
  email?: string;
  organization_role?: string;
  source_type?: string;
  permission?: Permission;
  permissions?: Permission[];
  roles?: string[];
  members?: string[];
  persons?: number[];
  value?: unknown;
  type?: string;
  listed?: boolean;
}

export class MutationError extends Error {
  constructor(
    message: string,
    /** The changes made before the one that failed (they stay applied). */
    readonly applied: Change[] = [],
  ) {
    super(message);
  }
}

const DAY_MS = 86_400_000;
const ROLE_INDEX = new Map<string, number>(ORGANIZATION_ROLES.map((r, i) => [r, i]));

const fail = (message: string): never => {
  throw new MutationError(message);
};

function str(r: ChangeRequest, field: keyof ChangeRequest): string {
  const v = r[field];
  if (typeof v !== "string" || v === "") fail(`${field} is required (a non-empty string)`);
  return v as string;
}

function checkPermission(p: unknown, where: string): Permission {
  const o = p as Record<string, unknown> | null;
  if (!o || typeof o !== "object" || typeof o.action !== "string" || typeof o.resource_type !== "string" || typeof o.resource_id !== "string") {
    fail(`${where} must be {action, resource_id, resource_type}, all strings`);
  }
  return { action: o!.action as string, resource_id: o!.resource_id as string, resource_type: o!.resource_type as string };
}

const samePermission = (a: Permission, b: Permission) => a.action === b.action && a.resource_id === b.resource_id && a.resource_type === b.resource_type;

/** Checks what the control route was sent (the shape only; ids are checked when applied). */
export function parseChangeRequests(input: unknown): ChangeRequest[] {
  if (!Array.isArray(input)) throw new MutationError("changes must be an array");
  return input.map((raw, i) => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new MutationError(`changes[${i}] must be an object`);
    const r = raw as Record<string, unknown>;
    if (!CHANGE_KINDS.includes(r.kind as ChangeKind)) throw new MutationError(`changes[${i}].kind must be one of ${CHANGE_KINDS.join(", ")}`);
    if ("person" in r || "persons" in r) throw new MutationError(`changes[${i}]: name people by user id ("user", "members")`);
    return r as unknown as ChangeRequest;
  });
}

/** Applies `requests` in order as one batch; see ChangeRequest. */
export function applyChanges(st: DirectoryState, requests: readonly ChangeRequest[]): Change[] {
  if (requests.length === 0) return [];
  st.version++;
  const batch = st.version;
  const base = END_MS + batch * DAY_MS;
  let tick = 0;
  const stamp = () => base + tick++;
  const out: Change[] = [];
  // Records copied in this batch: later changes in it edit the copy; callers' earlier reads keep theirs.
  const owned = new Set<unknown>();
  let ids = 0;
  const newId = (prefix: string, length: number) => `${prefix}${rngFor(st.seed, "mutation-id", batch, ids++).base62(length)}`;

  const orgOf = (r: ChangeRequest): number => {
    const uuid = str(r, "org");
    const k = st.orgIndex.get(uuid);
    return k === undefined ? fail(`no organization ${uuid}`) : k;
  };
  const personOf = (r: ChangeRequest): number => {
    if (typeof r.person === "number") return r.person;
    const id = str(r, "user");
    const p = st.personOfId(id);
    return p === undefined ? fail(`no user ${id} in any organization`) : p;
  };
  const deltaOf = (k: number): OrgDelta => {
    let d = st.deltas.get(k);
    if (!d) st.deltas.set(k, (d = { left: new Set(), joined: [], role: new Map() }));
    return d;
  };
  const roleIndex = (name: string): number => {
    const i = ROLE_INDEX.get(name);
    return i === undefined ? fail(`organization_role must be one of ${ORGANIZATION_ROLES.join(", ")}`) : i;
  };
  const uuid = (k: number) => st.orgs[k]!.uuid;
  const roleOrg = (roleId: string): number | undefined => {
    for (let k = 0; k < st.orgs.length; k++) if (st.rbacOf(k).roles.some((x) => x.id === roleId)) return k;
    return undefined;
  };
  const groupAt = (r: ChangeRequest): [number, Group] => {
    const id = str(r, "group");
    const i = st.groupIndex.get(id);
    return i === undefined ? fail(`no group ${id}`) : [i, st.groups[i]!];
  };
  const setGroup = (i: number, g: Group) => {
    st.groups = st.groups.slice();
    st.groups[i] = Object.freeze(g);
  };
  const listed = (m: GroupMember): GroupMember => {
    const email = st.emailById.get(m.user_id);
    return email === undefined ? m : { ...m, email };
  };
  const ownRows = (groupId: string): GroupMember[] => {
    let rows = st.rawMembersOf(groupId);
    if (!owned.has(rows)) {
      rows = rows.slice();
      owned.add(rows);
      st.members.set(groupId, rows);
    }
    return rows;
  };
  const setRbac = (k: number, roles: Role[], permissions: Map<string, Permission[]>) => st.rbac.set(k, { roles, permissions });
  /** Every organization the person is a member of now, with the membership. */
  const membershipsOf = (who: number): Array<[number, Member]> => {
    const found: Array<[number, Member]> = [];
    for (let k = 0; k < st.orgs.length; k++) {
      const m = st.memberOf(k, who);
      if (m) found.push([k, m]);
    }
    return found;
  };
  const revokeEverywhere = (roleId: string) => {
    st.groups.forEach((g, i) => {
      if (!g.roles?.includes(roleId)) return;
      setGroup(i, { ...g, roles: g.roles.filter((x) => x !== roleId) });
      out.push({ kind: "group_role_revoked", group_id: g.id, role_id: roleId, before: null, after: null });
    });
  };

  const apply = (r: ChangeRequest) => {
    switch (r.kind) {
      case "member_joined": {
        const k = orgOf(r);
        let who: number;
        if (r.person !== undefined || r.user !== undefined) {
          who = personOf(r);
        } else {
          who = st.nextPerson++;
          const over: { fullName?: string; email?: string } = {};
          if (r.full_name !== undefined) over.fullName = str(r, "full_name");
          if (r.email !== undefined) over.email = str(r, "email");
          if (over.fullName !== undefined || over.email !== undefined) st.personOver.set(who, over);
          if (over.email !== undefined) st.emailById.set(st.people.at(who).id, over.email);
        }
        if (st.memberOf(k, who)) fail(`${st.person(who).id} is already a member of ${uuid(k)}`);
        const m: Member = { person: who, created: stamp(), role: roleIndex(r.organization_role ?? "user") };
        deltaOf(k).joined.push(m);
        st.membershipDelta++;
        out.push({ kind: "member_joined", organization_uuid: uuid(k), user_id: st.person(who).id, before: null, after: st.userRecord(k, m) });
        return;
      }
      case "member_left": {
        const k = orgOf(r);
        const who = personOf(r);
        const m = st.memberOf(k, who) ?? fail(`${st.person(who).id} is not a member of ${uuid(k)}`);
        const before = st.userRecord(k, m);
        const d = deltaOf(k);
        const j = d.joined.indexOf(m);
        if (j >= 0) d.joined.splice(j, 1);
        else {
          d.left.add(who);
          d.role.delete(who);
          d.view = undefined;
        }
        st.membershipDelta--;
        out.push({ kind: "member_left", organization_uuid: uuid(k), user_id: before.id, before, after: null });
        return;
      }
      case "member_changed": {
        const who = personOf(r);
        const roleK = r.organization_role !== undefined ? orgOf(r) : undefined;
        if (roleK === undefined && r.full_name === undefined && r.email === undefined) fail("say what changes: organization_role (with org), full_name or email");
        const affected = r.full_name !== undefined || r.email !== undefined ? membershipsOf(who) : [];
        if (roleK !== undefined && !affected.some(([k]) => k === roleK)) {
          affected.push([roleK, st.memberOf(roleK, who) ?? fail(`${st.person(who).id} is not a member of ${uuid(roleK)}`)]);
        }
        if (affected.length === 0) fail(`${st.person(who).id} is in no organization`);
        const before = affected.map(([k, m]) => st.userRecord(k, m));
        if (r.full_name !== undefined || r.email !== undefined) {
          const over = { ...st.personOver.get(who) };
          if (r.full_name !== undefined) over.fullName = str(r, "full_name");
          if (r.email !== undefined) {
            over.email = str(r, "email");
            st.emailById.set(st.people.at(who).id, over.email);
          }
          st.personOver.set(who, over);
        }
        if (roleK !== undefined) {
          const role = roleIndex(r.organization_role as string);
          const m = st.memberOf(roleK, who)!;
          const d = deltaOf(roleK);
          if (d.joined.includes(m)) m.role = role;
          else d.role.set(who, role);
        }
        affected.forEach(([k], i) => {
          const after = st.userRecord(k, st.memberOf(k, who)!);
          const was = before[i] as User;
          if (JSON.stringify(after) === JSON.stringify(was)) return;
          out.push({ kind: "member_changed", organization_uuid: uuid(k), user_id: was.id, before: was, after });
        });
        return;
      }
      case "role_added": {
        const k = orgOf(r);
        const rb = st.rbacOf(k);
        const id = r.id ?? newId("rbac_role_01", 23);
        if (rb.roles.some((x) => x.id === id)) fail(`role ${id} already exists`);
        const perms = (r.permissions ?? []).map((p, i) => checkPermission(p, `permissions[${i}]`));
        const at = isoSeconds(stamp());
        const role: Role = { id, name: r.name ?? "New role", description: r.description ?? "", created_at: at, updated_at: at };
        setRbac(k, [...rb.roles, role], new Map(rb.permissions).set(id, perms));
        out.push({ kind: "role_added", organization_uuid: uuid(k), role_id: id, before: null, after: role });
        for (const p of perms) out.push({ kind: "permission_added", organization_uuid: uuid(k), role_id: id, before: null, after: p });
        return;
      }
      case "role_removed": {
        const k = orgOf(r);
        const rb = st.rbacOf(k);
        const id = str(r, "role");
        const role = rb.roles.find((x) => x.id === id) ?? fail(`no role ${id} in ${uuid(k)}`);
        const perms = rb.permissions.get(id) ?? [];
        const permissions = new Map(rb.permissions);
        permissions.delete(id);
        setRbac(k, rb.roles.filter((x) => x.id !== id), permissions);
        out.push({ kind: "role_removed", organization_uuid: uuid(k), role_id: id, before: role, after: null });
        for (const p of perms) out.push({ kind: "permission_removed", organization_uuid: uuid(k), role_id: id, before: p, after: null });
        revokeEverywhere(id);
        return;
      }
      case "role_changed": {
        const k = orgOf(r);
        const rb = st.rbacOf(k);
        const id = str(r, "role");
        const i = rb.roles.findIndex((x) => x.id === id);
        if (i < 0) fail(`no role ${id} in ${uuid(k)}`);
        const before = rb.roles[i]!;
        if (r.name === undefined && r.description === undefined) fail("say what changes: name and/or description");
        const after: Role = { ...before, ...(r.name !== undefined ? { name: str(r, "name") } : {}), ...(r.description !== undefined ? { description: r.description } : {}), updated_at: isoSeconds(stamp()) };
        const roles = rb.roles.slice();
        roles[i] = after;
        setRbac(k, roles, rb.permissions);
        out.push({ kind: "role_changed", organization_uuid: uuid(k), role_id: id, before, after });
        return;
      }
      case "permission_added":
      case "permission_removed": {
        const k = orgOf(r);
        const rb = st.rbacOf(k);
        const id = str(r, "role");
        if (!rb.roles.some((x) => x.id === id)) fail(`no role ${id} in ${uuid(k)}`);
        const perm = checkPermission(r.permission, "permission");
        const list = rb.permissions.get(id) ?? [];
        const at = list.findIndex((p) => samePermission(p, perm));
        let next: Permission[];
        if (r.kind === "permission_added") {
          if (at >= 0) fail(`role ${id} already has that permission`);
          next = [...list, perm];
        } else {
          if (at < 0) fail(`role ${id} has no such permission`);
          next = list.filter((_, j) => j !== at);
        }
        setRbac(k, rb.roles, new Map(rb.permissions).set(id, next));
        out.push({
          kind: r.kind,
          organization_uuid: uuid(k),
          role_id: id,
          before: r.kind === "permission_removed" ? list[at] : null,
          after: r.kind === "permission_added" ? perm : null,
        });
        return;
      }
      case "group_added": {
        const id = r.id ?? newId("rbac_group_01", 23);
        if (st.groupIndex.has(id)) fail(`group ${id} already exists`);
        const roles = (r.roles ?? []).map((roleId) => (roleOrg(roleId) === undefined ? fail(`no role ${roleId}`) : roleId));
        const persons = r.persons ?? (r.members ?? []).map((user) => personOf({ kind: r.kind, user }));
        const at = stamp();
        const rows: GroupMember[] = persons.map((p) => ({ user_id: st.people.at(p).id, email: st.people.at(p).email, created_at: isoMillis(at), updated_at: isoMillis(at) }));
        const group: Group = {
          id,
          name: str(r, "name"),
          description: r.description ?? "",
          source_type: r.source_type ?? "direct",
          roles,
          created_at: isoMillis(at),
          updated_at: isoMillis(at),
        };
        st.groups = [...st.groups, Object.freeze(group)];
        st.groupIndex.set(id, st.groups.length - 1);
        st.members.set(id, rows);
        owned.add(rows);
        out.push({ kind: "group_added", group_id: id, before: null, after: group });
        for (const m of rows) out.push({ kind: "group_member_added", group_id: id, user_id: m.user_id, before: null, after: listed(m) });
        for (const roleId of roles) out.push({ kind: "group_role_granted", group_id: id, role_id: roleId, before: null, after: null });
        return;
      }
      case "group_removed": {
        const [, group] = groupAt(r);
        const rows = st.rawMembersOf(group.id);
        st.groups = st.groups.filter((g) => g.id !== group.id);
        st.groupIndex = new Map(st.groups.map((g, i) => [g.id, i]));
        st.members.delete(group.id);
        out.push({ kind: "group_removed", group_id: group.id, before: group, after: null });
        for (const m of rows) out.push({ kind: "group_member_removed", group_id: group.id, user_id: m.user_id, before: listed(m), after: null });
        for (const roleId of group.roles ?? []) out.push({ kind: "group_role_revoked", group_id: group.id, role_id: roleId, before: null, after: null });
        return;
      }
      case "group_changed": {
        const [i, before] = groupAt(r);
        if (r.name === undefined && r.description === undefined && r.source_type === undefined) fail("say what changes: name, description and/or source_type");
        const after: Group = {
          ...before,
          ...(r.name !== undefined ? { name: str(r, "name") } : {}),
          ...(r.description !== undefined ? { description: r.description } : {}),
          ...(r.source_type !== undefined ? { source_type: str(r, "source_type") } : {}),
        };
        setGroup(i, after);
        out.push({ kind: "group_changed", group_id: before.id, before, after });
        return;
      }
      case "group_role_granted":
      case "group_role_revoked": {
        const [i, group] = groupAt(r);
        const roleId = str(r, "role");
        const has = group.roles?.includes(roleId) ?? false;
        if (r.kind === "group_role_granted") {
          if (has) fail(`group ${group.id} already has role ${roleId}`);
          if (roleOrg(roleId) === undefined) fail(`no role ${roleId}`);
          setGroup(i, { ...group, roles: [...(group.roles ?? []), roleId] });
        } else {
          if (!has) fail(`group ${group.id} does not have role ${roleId}`);
          setGroup(i, { ...group, roles: group.roles!.filter((x) => x !== roleId) });
        }
        out.push({ kind: r.kind, group_id: group.id, role_id: roleId, before: null, after: null });
        return;
      }
      case "group_member_added": {
        const [, group] = groupAt(r);
        const who = personOf(r);
        const userId = st.people.at(who).id;
        if (st.rawMembersOf(group.id).some((m) => m.user_id === userId)) fail(`${userId} is already a member of group ${group.id}`);
        const at = isoMillis(stamp());
        const m: GroupMember = { user_id: userId, email: st.people.at(who).email, created_at: at, updated_at: at };
        ownRows(group.id).push(m);
        out.push({ kind: "group_member_added", group_id: group.id, user_id: userId, before: null, after: listed(m) });
        return;
      }
      case "group_member_removed": {
        const [, group] = groupAt(r);
        // By id alone: a member in no organization (one the IdP still syncs) can be removed too.
        const userId = r.person !== undefined ? st.people.at(r.person).id : str(r, "user");
        const at = st.rawMembersOf(group.id).findIndex((m) => m.user_id === userId);
        if (at < 0) fail(`${userId} is not a member of group ${group.id}`);
        const rows = ownRows(group.id);
        const [m] = rows.splice(at, 1);
        out.push({ kind: "group_member_removed", group_id: group.id, user_id: userId, before: listed(m!), after: null });
        return;
      }
      case "setting_changed": {
        const k = orgOf(r);
        const name = str(r, "setting");
        const current = st.settingsOf(k);
        const at = current.settings.findIndex((x) => x.name === name);
        const before: Setting | null = at >= 0 ? current.settings[at]! : null;
        let settings: Setting[];
        let after: Setting | null;
        if (r.listed === false) {
          if (!before) fail(`${name} is not listed for ${uuid(k)}`);
          settings = current.settings.filter((_, j) => j !== at);
          after = null;
        } else {
          if (!("value" in r)) fail("value is required (or listed: false)");
          after = before ? { ...before, value: r.value } : { name, ...(r.type !== undefined ? { type: r.type } : {}), value: r.value };
          if (before && JSON.stringify(before.value) === JSON.stringify(r.value)) fail(`${name} is already ${JSON.stringify(r.value)} for ${uuid(k)}`);
          settings = before ? current.settings.map((x, j) => (j === at ? after! : x)) : [...current.settings, after];
        }
        st.settings.set(k, { ...current, settings });
        out.push({ kind: "setting_changed", organization_uuid: uuid(k), setting: name, before, after });
        return;
      }
      case "organization_changed": {
        const k = orgOf(r);
        const before = st.orgs[k]!;
        const after = Object.freeze({ ...before, name: str(r, "name") });
        if (after.name === before.name) fail(`${uuid(k)} is already named ${after.name}`);
        st.orgs = st.orgs.slice();
        st.orgs[k] = after;
        out.push({ kind: "organization_changed", organization_uuid: uuid(k), before, after });
        return;
      }
      default:
        fail(`unknown change kind ${String((r as { kind: unknown }).kind)}`);
    }
  };

  requests.forEach((r, i) => {
    try {
      apply(r);
    } catch (e) {
      if (e instanceof MutationError) throw new MutationError(`changes[${i}] (${r.kind}): ${e.message}`, out);
      throw e;
    }
  });
  return out;
}
