/*
 * Organization roles in an officer's words, beside the API's names (API.md lists them). These are
 * the roles an organization lists a member with; RBAC roles are another thing (groups grant them).
 */

export const ORGANIZATION_ROLE_WORDS: Record<string, string> = {
  primary_owner: "Primary owner",
  owner: "Owner",
  admin: "Admin",
  membership_admin: "Membership admin",
  billing: "Billing",
  developer: "Developer",
  claude_code_user: "Claude Code user",
  managed: "Managed member",
  user: "Member",
};

/** "Membership admin (membership_admin)"; an unknown role shows as the API names it. */
export function organizationRoleLabel(role: string, withApiName = true): string {
  const words = ORGANIZATION_ROLE_WORDS[role];
  if (!words) return role;
  return withApiName ? `${words} (${role})` : words;
}
