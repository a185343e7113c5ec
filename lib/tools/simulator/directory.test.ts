import { describe, expect, it } from "vitest";
import { DEMO_ACCESS_KEY } from "@/lib/server/config";
import {
  ORGANIZATION_ROLES,
  effectiveSettingsSchema,
  groupMemberSchema,
  groupSchema,
  organizationSchema,
  permissionSchema,
  roleSchema,
  userSchema,
} from "@/lib/shared/compliance/schemas";
import { UUID_RE } from "@/lib/shared/compliance/ids";
import { buildDirectory } from "./directory";
import { SIM_KEYS } from "./keys";
import { FIRST_NAMES, LAST_NAMES, slug } from "./names";
import { BOOLEAN_SETTINGS } from "./org-settings";

const tree = buildDirectory({ seed: "unit", orgs: 8, users: 3000, groups: 30 });
const allUsers = tree.organizations.flatMap((o) => tree.usersOf(o.uuid));

describe("the synthetic directory", () => {
  it("is the same tree for the same seed, and another tree for another seed", () => {
    const again = buildDirectory({ seed: "unit", orgs: 8, users: 3000, groups: 30 });
    expect(again.organizations).toEqual(tree.organizations);
    expect(again.groups).toEqual(tree.groups);
    const o = tree.organizations[3]!.uuid;
    expect(again.usersOf(o)).toEqual(tree.usersOf(o));
    expect(again.rolesOf(o)).toEqual(tree.rolesOf(o));
    expect(again.membersOf(tree.groups[2]!.id)).toEqual(tree.membersOf(tree.groups[2]!.id));
    expect(again.settingsOf(o)).toEqual(tree.settingsOf(o));

    const other = buildDirectory({ seed: "other", orgs: 8, users: 3000, groups: 30 });
    expect(other.organizations.map((x) => x.uuid)).not.toEqual(tree.organizations.map((x) => x.uuid));
  });

  it("does not depend on what was generated before (lazy parts come out the same in any order)", () => {
    const a = buildDirectory({ seed: "order", orgs: 5, users: 900, groups: 10 });
    const b = buildDirectory({ seed: "order", orgs: 5, users: 900, groups: 10 });
    const last = a.organizations[4]!.uuid;
    const viaA = a.usersOf(last);
    for (const o of b.organizations) b.usersOf(o.uuid);
    b.membersOf(b.groups[5]!.id);
    expect(b.usersOf(last)).toEqual(viaA);
  });

  it("holds exactly the memberships asked for, and exact per-organization counts", () => {
    expect(allUsers).toHaveLength(3000);
    expect(tree.totalMemberships).toBe(3000);
    const exact = buildDirectory({ seed: "x", orgUserCounts: [2345, 0, 7, 1] });
    expect(exact.organizations.map((o) => exact.usersOf(o.uuid).length)).toEqual([2345, 0, 7, 1]);
    expect(exact.organizations.map((o) => exact.userCountOf(o.uuid))).toEqual([2345, 0, 7, 1]);
    expect(() => buildDirectory({ orgs: 3, orgUserCounts: [1, 2] })).toThrow(RangeError);
    expect(() => buildDirectory({ orgs: -1 })).toThrow(RangeError);
    expect(() => buildDirectory({ users: 1.5 })).toThrow(RangeError);
  });

  it("produces records the app's schemas accept", () => {
    for (const o of tree.organizations) {
      organizationSchema.parse(o);
      expect(o.uuid).toMatch(UUID_RE);
      for (const r of tree.rolesOf(o.uuid)) {
        roleSchema.parse(r);
        for (const p of tree.permissionsOf(o.uuid, r.id)) permissionSchema.parse(p);
      }
      effectiveSettingsSchema.parse(tree.settingsOf(o.uuid));
    }
    for (const u of allUsers) userSchema.parse(u);
    for (const g of tree.groups) {
      groupSchema.parse(g);
      for (const m of tree.membersOf(g.id)) groupMemberSchema.parse(m);
    }
  });

  it("lists organizations by created_at ascending and users by join date ascending", () => {
    const orgTimes = tree.organizations.map((o) => Date.parse(o.created_at));
    expect(orgTimes).toEqual([...orgTimes].sort((a, b) => a - b));
    expect(new Set(orgTimes).size).toBe(orgTimes.length);
    for (const o of tree.organizations) {
      const t = tree.usersOf(o.uuid).map((u) => Date.parse(u.created_at));
      expect(t).toEqual([...t].sort((a, b) => a - b));
    }
  });

  it("uses the upstream id shapes", () => {
    for (const u of allUsers) expect(u.id).toMatch(/^user_[0-9A-Za-z]{24}$/);
    for (const o of tree.organizations) for (const r of tree.rolesOf(o.uuid)) expect(r.id).toMatch(/^rbac_role_[0-9A-Za-z]{25}$/);
    for (const g of tree.groups) expect(g.id).toMatch(/^rbac_group_[0-9A-Za-z]{25}$/);
  });

  it("puts about 15% of people in more than one organization, with the same id and email in each", () => {
    const byId = new Map<string, { email: string; name: string; orgs: number }>();
    for (const o of tree.organizations) {
      const ids = new Set<string>();
      for (const u of tree.usersOf(o.uuid)) {
        expect(ids.has(u.id)).toBe(false); // once per organization
        ids.add(u.id);
        const seen = byId.get(u.id);
        if (seen) {
          expect(u.email).toBe(seen.email);
          expect(u.full_name).toBe(seen.name);
          seen.orgs++;
        } else byId.set(u.id, { email: u.email, name: u.full_name, orgs: 1 });
      }
    }
    const multi = [...byId.values()].filter((p) => p.orgs > 1).length / byId.size;
    expect(multi).toBeGreaterThan(0.08);
    expect(multi).toBeLessThan(0.25);
  });

  it("gives every person a unique email (also ignoring case) over several domains, a few with capitals", () => {
    const byEmail = new Map<string, string>();
    for (const u of allUsers) {
      const prev = byEmail.get(u.email.toLowerCase());
      if (prev) expect(prev).toBe(u.id);
      byEmail.set(u.email.toLowerCase(), u.id);
    }
    const domains = new Set(allUsers.map((u) => u.email.split("@")[1]));
    expect(domains.size).toBeGreaterThanOrEqual(5);
    expect(allUsers.some((u) => u.email !== u.email.toLowerCase())).toBe(true);
  });

  it("carries the names that break naive CSV, search and sorting", () => {
    const names = allUsers.map((u) => u.full_name);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => /[À-ž]/.test(n))).toBe(true);
    expect(names.some((n) => n.includes(","))).toBe(true);
    expect(names.some((n) => n.includes('"'))).toBe(true);
    expect(names.some((n) => /\p{Extended_Pictographic}/u.test(n))).toBe(true);
    expect(names.some((n) => n.startsWith("="))).toBe(true);
    expect(tree.organizations.some((o) => o.name.includes(","))).toBe(true);
  });

  it("keeps email fragments unique per name, so no two people share an address", () => {
    expect(new Set(FIRST_NAMES.map(slug)).size).toBe(FIRST_NAMES.length);
    expect(new Set(LAST_NAMES.map(slug)).size).toBe(LAST_NAMES.length);
    for (const s of [...FIRST_NAMES, ...LAST_NAMES].map(slug)) expect(s).toMatch(/^[a-z][a-z-]*$/);
  });

  it("has every organization_role, one primary_owner per organization, mostly users and developers", () => {
    const roles = new Map<string, number>();
    for (const u of allUsers) roles.set(u.organization_role, (roles.get(u.organization_role) ?? 0) + 1);
    for (const r of ORGANIZATION_ROLES) expect(roles.get(r), r).toBeGreaterThan(0);
    for (const o of tree.organizations) expect(tree.usersOf(o.uuid).filter((u) => u.organization_role === "primary_owner")).toHaveLength(1);
    expect((roles.get("user")! + roles.get("developer")!) / allUsers.length).toBeGreaterThan(0.6);
  });

  it("gives each organization 5 to 12 roles with permissions, and one role more than a page of them", () => {
    for (const o of tree.organizations) {
      const roles = tree.rolesOf(o.uuid);
      expect(roles.length).toBeGreaterThanOrEqual(5);
      expect(roles.length).toBeLessThanOrEqual(12);
      for (const r of roles) expect(tree.permissionsOf(o.uuid, r.id).length).toBeGreaterThan(0);
      expect(tree.role(o.uuid, roles[0]!.id)).toEqual(roles[0]);
    }
    const perms = tree.organizations.flatMap((o) => tree.rolesOf(o.uuid).flatMap((r) => tree.permissionsOf(o.uuid, r.id)));
    expect(new Set(perms.map((p) => p.resource_type))).toEqual(new Set(["organization", "project", "workspace"]));
    // The live API's shapes (API.md): resource ids are strings, projects are `claude_proj_...`.
    expect(perms.every((p) => typeof p.resource_id === "string")).toBe(true);
    expect(perms.filter((p) => p.resource_type === "project").every((p) => /^claude_proj_/.test(p.resource_id!))).toBe(true);
    expect(tree.groups.every((g) => typeof g.description === "string")).toBe(true);
    const first = tree.organizations[0]!.uuid;
    expect(Math.max(...tree.rolesOf(first).map((r) => tree.permissionsOf(first, r.id).length))).toBeGreaterThan(1000);
  });

  it("has direct and SCIM groups with members from the organizations, role ids, and both timestamp forms", () => {
    expect(new Set(tree.groups.map((g) => g.source_type))).toEqual(new Set(["direct", "scim"]));
    expect(tree.groups.some((g) => g.roles === null)).toBe(true);
    expect(tree.groups.some((g) => (g.roles?.length ?? 0) > 0)).toBe(true);
    const allRoleIds = new Set(tree.organizations.flatMap((o) => tree.rolesOf(o.uuid).map((r) => r.id)));
    for (const g of tree.groups) for (const r of g.roles ?? []) expect(allRoleIds.has(r)).toBe(true);

    const stamps = tree.groups.flatMap((g) => [g.created_at, ...tree.membersOf(g.id).map((m) => m.created_at)]);
    expect(stamps.some((s) => s === null)).toBe(true);
    expect(stamps.some((s) => s != null && /\.\d{6}$/.test(s))).toBe(true); // no UTC offset
    expect(stamps.some((s) => s != null && s.endsWith("Z"))).toBe(true);

    const emailOf = new Map(allUsers.map((u) => [u.id, u.email]));
    const orphans = new Set(tree.orphanMemberIds);
    for (const g of tree.groups) {
      const members = tree.membersOf(g.id);
      expect(new Set(members.map((m) => m.user_id)).size).toBe(members.length);
      for (const m of members) {
        if (orphans.has(m.user_id)) expect(emailOf.has(m.user_id)).toBe(false);
        else expect(emailOf.get(m.user_id)).toBe(m.email);
      }
    }
    expect(tree.orphanMemberIds).toHaveLength(1);
    // The first group is everyone in the largest organization.
    const largest = Math.max(...tree.organizations.map((o) => tree.userCountOf(o.uuid)));
    expect(tree.membersOf(tree.groups[0]!.id)).toHaveLength(largest);
  });

  it("gives settings of every kind, varied between organizations", () => {
    const all = tree.organizations.map((o) => tree.settingsOf(o.uuid)!);
    const first = all[0]!;
    expect(first.organization_id).toBe(tree.organizations[0]!.uuid);
    expect(first.type).toBe("effective_organization_settings");
    const names = first.settings.map((s) => s.name);
    for (const b of BOOLEAN_SETTINGS) expect(names).toContain(b);
    for (const n of ["account_session_duration_seconds", "allowed_invite_domains", "ip_allowlist_ip_ranges", "sso_provisioning_mode", "data_retention_periods"]) {
      expect(names).toContain(n);
    }
    const values = (name: string) => all.map((s) => s.settings.find((x) => x.name === name)?.value).filter((v) => v !== undefined);
    expect(new Set(values("sso_enabled").concat(values("content_redaction_enabled"))).size).toBe(2);
    const retention = values("data_retention_periods").map((v) => JSON.stringify(v));
    expect(retention).toContain("{}");
    expect(retention.some((r) => r.includes('"all"'))).toBe(true);
    expect(retention.some((r) => r.includes('"chats"'))).toBe(true);
    expect(retention.some((r) => r.includes("indefinite"))).toBe(true);
    expect(first.api_keys?.map((k) => k.scopes.length).every((n) => n > 0)).toBe(true);
    expect(first.api_keys?.every((k) => k.type === "compliance_api_key")).toBe(true);
    // The second organization's retention is the live API's other form: keyed `chat`, no inner type.
    const second = all[1]!.settings.find((x) => x.name === "data_retention_periods")!.value as Record<string, Record<string, unknown>>;
    expect(Object.keys(second)).toEqual(["chat"]);
    expect(second.chat).not.toHaveProperty("type");
    expect(tree.settingsOf(tree.parent.uuid)).toBeUndefined();
  });

  it("reaches 1,001 organizations and 200,000 memberships", () => {
    const big = buildDirectory({ seed: "big", orgs: 1001, users: 200_000, groups: 50 });
    let n = 0;
    for (const o of big.organizations) n += big.userCountOf(o.uuid);
    expect(big.organizations).toHaveLength(1001);
    expect(n).toBe(200_000);
    const last = big.organizations[1000]!.uuid;
    expect(big.usersOf(last)).toHaveLength(big.userCountOf(last));
  });
});

describe("the simulator's keys", () => {
  it("include the app's demo key and the e2e suite's full-scope key", () => {
    expect(SIM_KEYS.demo).toBe(DEMO_ACCESS_KEY);
    expect(SIM_KEYS.full).toBe("sk-ant-api01-sim-full-scope-key-for-tests-0001");
    for (const [name, key] of Object.entries(SIM_KEYS)) expect(key, name).toMatch(name === "admin" ? /^sk-ant-admin01-/ : /^sk-ant-api01-/);
  });
});
