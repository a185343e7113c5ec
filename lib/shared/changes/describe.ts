import type { Setting } from "@/lib/shared/compliance/schemas";
import { organizationRoleLabel } from "@/lib/shared/format/organization-roles";
import { describeSetting } from "@/lib/shared/settings/describe-setting";
import type { Change, ChangeKind, ChangeLabels } from "./change";
import { PRIVILEGED_ORG_ROLES } from "./widens";

/*
 * Changes in plain words, for the Changes page, its downloads and the history sections: one line
 * per change ("Ann Lee joined Acme Legal as Admin (admin)"; "SSO required for Claude (claude.ai): On
 * → Off"), and the counts line at the top of the page ("3 joined, 1 left, 2 new admins").
 * Organization roles read in words with the API's name beside them, as everywhere else.
 */

const rec = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const orgRole = (v: unknown): string => organizationRoleLabel(String(v));

export function organizationName(c: Pick<Change, "organization_uuid">, labels: ChangeLabels): string {
  return (c.organization_uuid && labels.organizations[c.organization_uuid]) || c.organization_uuid || "";
}
export function groupName(c: Pick<Change, "group_id">, labels: ChangeLabels): string {
  return (c.group_id && labels.groups[c.group_id]?.name) || c.group_id || "";
}
export function roleName(c: Pick<Change, "role_id">, labels: ChangeLabels): string {
  return (c.role_id && labels.roles[c.role_id]?.name) || c.role_id || "";
}

/** Who a change is about: the member's name, else an email, else the id. */
export function personLabel(c: Change): string {
  if (!c.user_id) return "";
  const r = { ...rec(c.before), ...rec(c.after) };
  return text(r.full_name) ?? text(r.email) ?? c.user_id;
}

/** A setting's value in words ("On", "8 hours"), or "not listed". */
export function settingWords(setting: unknown): string {
  const s = rec(setting);
  if (typeof s.name !== "string") return "not listed";
  return describeSetting(s as Setting).summary;
}

export function settingChangeWords(c: Change, labels: ChangeLabels): string {
  const name = c.setting ?? "";
  const label = describeSetting({ name, value: null } as Setting).label;
  return `${label} in ${organizationName(c, labels)}: ${settingWords(c.before)} → ${settingWords(c.after)}`;
}

function memberChangeWords(c: Change, who: string, org: string): string {
  const b = rec(c.before);
  const a = rec(c.after);
  const parts: string[] = [];
  if (b.organization_role !== a.organization_role) parts.push(`role ${orgRole(b.organization_role)} → ${orgRole(a.organization_role)}`);
  if (b.email !== a.email) parts.push(`email ${String(b.email)} → ${String(a.email)}`);
  if (b.full_name !== a.full_name) parts.push(`name ${String(b.full_name)} → ${String(a.full_name)}`);
  return `${who} in ${org}: ${parts.join(", ") || "changed"}`;
}

function permissionWords(p: unknown): string {
  const r = rec(p);
  const on = text(r.resource_id) ? `${String(r.resource_type)} ${String(r.resource_id)}` : String(r.resource_type);
  return `${String(r.action)} on ${on}`;
}

function changedFields(c: Change, fields: string[]): string {
  const b = rec(c.before);
  const a = rec(c.after);
  const parts = fields.filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f])).map((f) => `${f} ${String(b[f] ?? "none")} → ${String(a[f] ?? "none")}`);
  return parts.join(", ") || "changed";
}

/** One line of plain words for a change. */
export function describeChange(c: Change, labels: ChangeLabels): string {
  const org = organizationName(c, labels);
  const who = personLabel(c);
  const group = groupName(c, labels);
  const role = roleName(c, labels);
  switch (c.kind) {
    case "organization_added":
      return `Organization ${org} appeared`;
    case "organization_removed":
      return `Organization ${text(rec(c.before).name) ?? org} is gone`;
    case "organization_changed":
      return `Organization renamed: ${String(rec(c.before).name)} → ${String(rec(c.after).name)}`;
    case "member_joined":
      return `${who} joined ${org} as ${orgRole(rec(c.after).organization_role)}`;
    case "member_left":
      return `${who} left ${org}; was ${orgRole(rec(c.before).organization_role)}`;
    case "member_changed":
      return memberChangeWords(c, who, org);
    case "role_added":
      return `Role ${role} added in ${org}`;
    case "role_removed":
      return `Role ${text(rec(c.before).name) ?? role} removed from ${org}`;
    case "role_changed":
      return `Role ${role} in ${org}: ${changedFields(c, ["name", "description"])}`;
    case "permission_added":
      return `Role ${role} in ${org} gained ${permissionWords(c.after)}`;
    case "permission_removed":
      return `Role ${role} in ${org} lost ${permissionWords(c.before)}`;
    case "group_added":
      return `Group ${group} added`;
    case "group_removed":
      return `Group ${text(rec(c.before).name) ?? group} removed`;
    case "group_changed":
      return `Group ${group}: ${changedFields(c, ["name", "description", "source_type"])}`;
    case "group_role_granted":
      return `Group ${group} was granted role ${role}`;
    case "group_role_revoked":
      return `Group ${group} lost role ${role}`;
    case "group_member_added":
      return `${who} added to group ${group}`;
    case "group_member_removed":
      return `${who} removed from group ${group}`;
    case "setting_changed":
      return settingChangeWords(c, labels);
  }
}

/** The words of the counts line, per kind: [singular, plural]. */
const COUNT_WORDS: Record<ChangeKind, [string, string]> = {
  organization_added: ["new organization", "new organizations"],
  organization_removed: ["organization gone", "organizations gone"],
  organization_changed: ["organization renamed", "organizations renamed"],
  member_joined: ["joined", "joined"],
  member_left: ["left", "left"],
  member_changed: ["member changed", "members changed"],
  role_added: ["role added", "roles added"],
  role_removed: ["role removed", "roles removed"],
  role_changed: ["role changed", "roles changed"],
  permission_added: ["permission added", "permissions added"],
  permission_removed: ["permission removed", "permissions removed"],
  group_added: ["group added", "groups added"],
  group_removed: ["group removed", "groups removed"],
  group_changed: ["group changed", "groups changed"],
  group_role_granted: ["group role granted", "group roles granted"],
  group_role_revoked: ["group role revoked", "group roles revoked"],
  group_member_added: ["group membership added", "group memberships added"],
  group_member_removed: ["group membership removed", "group memberships removed"],
  setting_changed: ["setting changed", "settings changed"],
};

export function kindWords(kind: ChangeKind, n: number): string {
  const [one, many] = COUNT_WORDS[kind];
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** A short label of a kind for filters ("Member joined"). */
export function kindLabel(kind: ChangeKind): string {
  const words = kind.replace(/_/g, " ");
  return words[0]!.toUpperCase() + words.slice(1);
}

/** New administrators: members who joined as, or became, a privileged organization role. */
export function isNewAdmin(c: Change): boolean {
  if (c.kind !== "member_joined" && c.kind !== "member_changed") return false;
  const after = String(rec(c.after).organization_role);
  return PRIVILEGED_ORG_ROLES.has(after) && rec(c.before).organization_role !== after;
}
