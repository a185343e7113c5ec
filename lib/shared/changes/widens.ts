import type { Change, ChangeLabels } from "./change";

/*
 * Changes that widen access: someone can do more after them than before. An officer reviewing a
 * period reads these first, so the Changes page marks them and can show them alone.
 */

/** Organization roles that administer the organization or its members. */
export const PRIVILEGED_ORG_ROLES: ReadonlySet<string> = new Set(["admin", "owner", "primary_owner", "membership_admin"]);

/** Settings whose turning off opens sign-in or network access. */
export const PROTECTIVE_SETTINGS: ReadonlySet<string> = new Set(["sso_claude_ai_enforced", "sso_console_enforced", "ip_allowlist_enabled"]);

const field = (record: unknown, name: string): unknown => (record && typeof record === "object" ? (record as Record<string, unknown>)[name] : undefined);

export function widensAccess(c: Change, labels: Pick<ChangeLabels, "groups">): boolean {
  switch (c.kind) {
    case "member_joined":
      return PRIVILEGED_ORG_ROLES.has(String(field(c.after, "organization_role")));
    case "member_changed": {
      const after = String(field(c.after, "organization_role"));
      return PRIVILEGED_ORG_ROLES.has(after) && field(c.before, "organization_role") !== after;
    }
    case "permission_added":
    case "group_role_granted":
      return true;
    case "group_member_added":
      return (labels.groups[c.group_id ?? ""]?.roles.length ?? 0) > 0;
    case "setting_changed":
      // Off, or no longer listed (nothing enforced any more), after being on.
      return PROTECTIVE_SETTINGS.has(c.setting ?? "") && field(c.before, "value") === true && field(c.after, "value") !== true;
    default:
      return false;
  }
}
