import type { EffectiveSettings, Group, User } from "@/lib/shared/compliance/schemas";
import { findSetting, formatProvisioningMode, formatRetention } from "@/lib/browser/format/settings";
import { OVERVIEW_SETTINGS } from "@/lib/shared/directory/tree-wire";

/*
 * The Overview's arithmetic, pure so it can be checked against the simulator's data by hand.
 * Groups are parent-wide and carry role ids, not an organization (API.md): a group counts for an
 * organization when one of its roles is one of that organization's roles.
 */

export function groupsForOrganization(groups: readonly Group[], organizationRoleIds: ReadonlySet<string>): Group[] {
  return groups.filter((g) => (g.roles ?? []).some((r) => organizationRoleIds.has(r)));
}

/** Unique people (by user id) and memberships (user × organization) across organizations. */
export function directoryTotals(usersPerOrganization: readonly (readonly User[])[]): { uniqueUsers: number; memberships: number } {
  const ids = new Set<string>();
  let memberships = 0;
  for (const users of usersPerOrganization) {
    memberships += users.length;
    for (const u of users) ids.add(u.id);
  }
  return { uniqueUsers: ids.size, memberships };
}

export interface SettingsSummary {
  /** sso_claude_ai_enforced; null when the organization does not report it. */
  ssoEnforced: boolean | null;
  provisioning: string | null;
  provisioningRaw: string | null;
  retention: string[] | null;
}

export function summarizeSettings(settings: EffectiveSettings): SettingsSummary {
  const sso = findSetting(settings.settings, OVERVIEW_SETTINGS.sso)?.value;
  const provisioning = findSetting(settings.settings, OVERVIEW_SETTINGS.provisioning)?.value;
  const retention = findSetting(settings.settings, OVERVIEW_SETTINGS.retention);
  return {
    ssoEnforced: typeof sso === "boolean" ? sso : null,
    provisioning: provisioning === undefined ? null : formatProvisioningMode(provisioning),
    provisioningRaw: typeof provisioning === "string" ? provisioning : null,
    retention: retention ? formatRetention(retention.value) : null,
  };
}
