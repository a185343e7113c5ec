import { ORGANIZATION_ROLES } from "@/lib/shared/compliance/schemas";
import type { DirectoryState } from "./directory";
import type { ChangeRequest } from "./mutations";
import { pickIndexBySize } from "./groups";
import { DIRECT_GROUP_NAMES, EMAIL_DOMAINS, LAST_NAMES, ROLE_TEMPLATES } from "./names";
import { rngFor, type Rng } from "./random";
import { BIG_ROLE_NAME, permissionsFor, projectId, roleId } from "./rbac";

/*
 * A day's worth of directory changes, drawn from the seed and the step: the same seed, fraction
 * and step on the same directory always give the same changes. About `fraction` of the
 * memberships change (joiners, leavers, organization_role, email and name changes, group members
 * added and removed); roles, permissions, groups, group roles, settings and names change a little
 * too. Nothing is touched twice in one step (a leaver does not also change role), so each change
 * drawn is exactly one difference between the directory before and after.
 */

const SETTINGS_TO_CHANGE = ["sso_claude_ai_enforced", "ip_allowlist_enabled", "account_session_duration_seconds"] as const;
const SESSION_DURATIONS = [null, 8 * 3600, 24 * 3600, 7 * 86400, 30 * 86400];
const RENAMES = ["Holdings", "Group", "International", "Partners", "Services"];
const PERMISSION_ACTIONS = ["projects:read", "projects:export", "chats:read", "files:read"];
const JOIN_ROLES = ["user", "user", "user", "developer", "developer", "claude_code_user", "admin"];
const CHANGE_ROLES = ORGANIZATION_ROLES.filter((r) => r !== "primary_owner");

export function drawChurn(st: DirectoryState, fraction: number, step: number): ChangeRequest[] {
  const rng: Rng = rngFor(st.seed, "churn", step, fraction);
  const orgCount = st.orgs.length;
  if (orgCount === 0) return [];
  const memberships = st.plan.counts.reduce((a, b) => a + b, 0) + st.membershipDelta;
  const scaled = (n: number, share: number) => Math.max(1, Math.round(n * fraction * share));

  const cumulative: number[] = [];
  let total = 0;
  for (let k = 0; k < orgCount; k++) cumulative.push((total += (st.plan.counts[k] as number) + 1));
  const pickOrg = (): number => pickIndexBySize(cumulative, rng.next() * total);

  const touched = new Set<string>();
  const claim = (key: string) => (touched.has(key) ? false : (touched.add(key), true));
  const uuid = (k: number) => st.orgs[k]!.uuid;
  /** A member of organization k now, drawn at random: { person, role }; undefined after a few misses. */
  const pickMember = (k: number): { person: number; role: number } | undefined => {
    const roster = st.rosterOf(k);
    const d = st.deltas.get(k);
    const n = roster.person.length + (d?.joined.length ?? 0);
    for (let attempt = 0; attempt < 8 && n > 0; attempt++) {
      const i = Math.floor(rng.next() * n);
      if (i >= roster.person.length) {
        const m = d!.joined[i - roster.person.length]!;
        return { person: m.person, role: m.role };
      }
      const person = roster.person[i] as number;
      if (d?.left.has(person)) continue;
      return { person, role: d?.role.get(person) ?? (roster.role[i] as number) };
    }
    return undefined;
  };
  /** People only one organization knows: a name or email change is then one member_changed. */
  const singleOrg = (person: number) => person < st.plan.uniqueTotal || person >= st.freshPersonStart;
  const tries = (n: number, draw: () => ChangeRequest | undefined): ChangeRequest[] => {
    const out: ChangeRequest[] = [];
    for (let i = 0, misses = 0; out.length < n && misses < n * 4 + 8; i++) {
      const r = draw();
      if (r) out.push(r);
      else misses++;
    }
    return out;
  };

  const requests: ChangeRequest[] = [];
  let rolesDrawn = 0;
  let groupsDrawn = 0;
  const P = (person: number) => `person:${person}`;

  // Roles first: what is removed here is not also edited below.
  requests.push(
    ...tries(scaled(orgCount, 2), () => {
      const k = pickOrg();
      const custom = st.rbacOf(k).roles.filter((r) => r.created_at !== null && r.name !== BIG_ROLE_NAME);
      if (custom.length === 0) return undefined;
      const role = rng.pick(custom);
      return claim(`role:${role.id}`) ? { kind: "role_removed", org: uuid(k), role: role.id } : undefined;
    }),
    ...tries(scaled(orgCount, 2), () => {
      const k = pickOrg();
      const t = rng.pick(ROLE_TEMPLATES);
      // One draw per new role: two roles of one organization in this batch would otherwise share an id (as groups, below).
      const r = rngFor(st.seed, "churn-role", step, fraction, requests.length + rolesDrawn++, k);
      const id = roleId(r);
      claim(`role:${id}`);
      return { kind: "role_added", org: uuid(k), id, name: `${t.name} (${step})`, description: t.description, permissions: permissionsFor(t.grants, uuid(k), r) };
    }),
    ...tries(scaled(orgCount, 2), () => {
      const k = pickOrg();
      const roles = st.rbacOf(k).roles.filter((r) => !touched.has(`role:${r.id}`));
      if (roles.length === 0) return undefined;
      const role = rng.pick(roles);
      const perms = st.rbacOf(k).permissions.get(role.id) ?? [];
      if (perms.length < 2) return undefined;
      const p = rng.pick(perms);
      const same = perms.filter((q) => q.action === p.action && q.resource_id === p.resource_id && q.resource_type === p.resource_type);
      if (same.length > 1 || !claim(`perm:${role.id}:${p.action}:${p.resource_id}`)) return undefined;
      return { kind: "permission_removed", org: uuid(k), role: role.id, permission: p };
    }),
    ...tries(scaled(orgCount, 2), () => {
      const k = pickOrg();
      const roles = st.rbacOf(k).roles.filter((r) => !touched.has(`role:${r.id}`));
      if (roles.length === 0) return undefined;
      const role = rng.pick(roles);
      return { kind: "permission_added", org: uuid(k), role: role.id, permission: { action: rng.pick(PERMISSION_ACTIONS), resource_id: projectId(rng), resource_type: "project" } };
    }),
  );

  // Groups: removed, added, their roles.
  const groupsLeft = () => st.groups.filter((g, i) => i > 0 && !touched.has(`group:${g.id}`));
  requests.push(
    ...tries(scaled(st.groups.length, 1), () => {
      const pool = groupsLeft();
      if (pool.length === 0) return undefined;
      const g = rng.pick(pool);
      if (st.rawMembersOf(g.id).length > 200) return undefined;
      claim(`group:${g.id}`);
      return { kind: "group_removed", group: g.id };
    }),
    ...tries(scaled(st.groups.length, 1), () => {
      const k = pickOrg();
      const persons = new Set<number>();
      for (let i = rng.int(1, 5); i > 0; i--) {
        const m = pickMember(k);
        if (m) persons.add(m.person);
      }
      const roles = st.rbacOf(k).roles.filter((r) => !touched.has(`role:${r.id}`));
      // One draw per new group: `requests` grows only after a batch, so its length alone gives every group of a batch one id.
      const id = `rbac_group_01${rngFor(st.seed, "churn-group", step, fraction, requests.length + groupsDrawn++).base62(23)}`;
      claim(`group:${id}`);
      const name = `${rng.pick(DIRECT_GROUP_NAMES)} (${step})`;
      return {
        kind: "group_added",
        id,
        name,
        description: `Created in claude.ai for ${name.toLowerCase()}.`,
        source_type: "direct",
        roles: roles.length > 0 && rng.chance(0.5) ? [rng.pick(roles).id] : [],
        persons: [...persons],
      };
    }),
    ...tries(scaled(st.groups.length, 2), () => {
      const pool = groupsLeft();
      if (pool.length === 0) return undefined;
      const g = rng.pick(pool);
      const roles = st.rbacOf(pickOrg()).roles.filter((r) => !touched.has(`role:${r.id}`) && !g.roles?.includes(r.id));
      if (roles.length === 0) return undefined;
      const role = rng.pick(roles);
      return claim(`grant:${g.id}:${role.id}`) ? { kind: "group_role_granted", group: g.id, role: role.id } : undefined;
    }),
    ...tries(scaled(st.groups.length, 2), () => {
      const pool = groupsLeft().filter((g) => (g.roles?.length ?? 0) > 0);
      if (pool.length === 0) return undefined;
      const g = rng.pick(pool);
      const role = rng.pick(g.roles!);
      if (touched.has(`role:${role}`)) return undefined;
      return claim(`grant:${g.id}:${role}`) ? { kind: "group_role_revoked", group: g.id, role } : undefined;
    }),
  );

  // Memberships of organizations.
  requests.push(
    ...tries(scaled(memberships, 0.2), () => {
      const k = pickOrg();
      if (rng.chance(0.8)) return { kind: "member_joined", org: uuid(k), organization_role: rng.pick(JOIN_ROLES) };
      // Someone from another organization joins this one too.
      const from = pickOrg();
      const m = from === k ? undefined : pickMember(from);
      if (!m || !singleOrg(m.person) || st.memberOf(k, m.person) || !claim(P(m.person))) return undefined;
      return { kind: "member_joined", org: uuid(k), person: m.person, organization_role: rng.pick(JOIN_ROLES) };
    }),
    ...tries(scaled(memberships, 0.2), () => {
      const k = pickOrg();
      const m = pickMember(k);
      if (!m || ORGANIZATION_ROLES[m.role] === "primary_owner" || !claim(P(m.person))) return undefined;
      return { kind: "member_left", org: uuid(k), person: m.person };
    }),
    ...tries(scaled(memberships, 0.1), () => {
      const k = pickOrg();
      const m = pickMember(k);
      if (!m || ORGANIZATION_ROLES[m.role] === "primary_owner" || !claim(P(m.person))) return undefined;
      const to = rng.pick(CHANGE_ROLES.filter((r) => r !== ORGANIZATION_ROLES[m.role]));
      return { kind: "member_changed", org: uuid(k), person: m.person, organization_role: to };
    }),
    ...tries(scaled(memberships, 0.03), () => {
      const m = pickMember(pickOrg());
      if (!m || !singleOrg(m.person) || !claim(P(m.person))) return undefined;
      const [local, domain] = st.person(m.person).email.split("@") as [string, string];
      const others = EMAIL_DOMAINS.map((d) => d.domain).filter((d) => d !== domain);
      return { kind: "member_changed", person: m.person, email: `${local}@${rng.pick(others)}` };
    }),
    ...tries(scaled(memberships, 0.03), () => {
      const m = pickMember(pickOrg());
      if (!m || !singleOrg(m.person) || !claim(P(m.person))) return undefined;
      const first = st.person(m.person).fullName.split(" ")[0] as string;
      const name = `${first} ${rng.pick(LAST_NAMES)}`;
      return name === st.person(m.person).fullName ? undefined : { kind: "member_changed", person: m.person, full_name: name };
    }),
  );

  // Memberships of groups (groups added or removed above are left alone).
  const memberIds = new Map<string, Set<string>>();
  const idsOf = (groupId: string) => {
    let s = memberIds.get(groupId);
    if (!s) memberIds.set(groupId, (s = new Set(st.rawMembersOf(groupId).map((m) => m.user_id))));
    return s;
  };
  requests.push(
    ...tries(scaled(memberships, 0.1), () => {
      const pool = st.groups.filter((g) => !touched.has(`group:${g.id}`));
      if (pool.length === 0) return undefined;
      const g = rng.pick(pool);
      const m = pickMember(pickOrg());
      if (!m) return undefined;
      const id = st.people.at(m.person).id;
      if (idsOf(g.id).has(id) || !claim(`gm:${g.id}:${id}`)) return undefined;
      return { kind: "group_member_added", group: g.id, person: m.person };
    }),
    ...tries(scaled(memberships, 0.1), () => {
      const pool = st.groups.filter((g) => !touched.has(`group:${g.id}`));
      if (pool.length === 0) return undefined;
      const g = rng.pick(pool);
      const rows = st.rawMembersOf(g.id);
      if (rows.length === 0) return undefined;
      const id = rng.pick(rows).user_id;
      return claim(`gm:${g.id}:${id}`) ? { kind: "group_member_removed", group: g.id, user: id } : undefined;
    }),
  );

  // Settings: SSO enforcement turned off, the IP allow-list toggled, the session length changed.
  for (const name of SETTINGS_TO_CHANGE) {
    requests.push(
      ...tries(scaled(orgCount, 1), () => {
        const k = pickOrg();
        const s = st.settingsOf(k).settings.find((x) => x.name === name);
        if (!s || !claim(`setting:${k}:${name}`)) return undefined;
        if (name === "sso_claude_ai_enforced") return s.value === true ? { kind: "setting_changed", org: uuid(k), setting: name, value: false } : undefined;
        if (name === "ip_allowlist_enabled") return { kind: "setting_changed", org: uuid(k), setting: name, value: s.value !== true };
        return { kind: "setting_changed", org: uuid(k), setting: name, value: rng.pick(SESSION_DURATIONS.filter((v) => v !== s.value)) };
      }),
    );
  }

  // One organization renamed.
  const k = pickOrg();
  if (claim(`org:${k}`)) requests.push({ kind: "organization_changed", org: uuid(k), name: `${st.orgs[k]!.name} ${rng.pick(RENAMES)}` });
  return requests;
}
