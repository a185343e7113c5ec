/*
 * `sso_provisioning_mode`, in plain words. API.md and the settings reference: the value is the
 * *enforced* mode; just-in-time modes need SSO on and SCIM modes need directory sync on, otherwise
 * the upstream reports `login_only` whatever is configured. "Advanced" modes add identity-provider
 * group mappings (Claude's "Enable group mappings"); "permissive" modes provision without them.
 */

export interface ProvisioningModeInfo {
  label: string;
  meaning: string;
}

export const PROVISIONING_MODES: Readonly<Record<string, ProvisioningModeInfo>> = {
  login_only: {
    label: "Login only (no automatic provisioning)",
    meaning:
      "Signing in creates no account: people join only when invited or added by an admin (also reported whenever the SSO or directory sync that a configured mode needs is off).",
  },
  jit_permissive: {
    label: "Just-in-time provisioning",
    meaning:
      "Anyone assigned to the organization's app in the identity provider gets an account the first time they sign in with SSO; roles are then managed in Claude, and leavers must be removed by hand.",
  },
  jit_advanced: {
    label: "Just-in-time provisioning with group mappings",
    meaning:
      "Accounts are created at a person's first SSO sign-in, and their identity-provider groups decide their access and role through group mappings; leavers must still be removed by hand.",
  },
  scim_permissive: {
    label: "SCIM directory sync",
    meaning:
      "The identity provider creates and removes accounts through SCIM without the person signing in first; roles are managed in Claude rather than by identity-provider groups.",
  },
  scim_advanced: {
    label: "SCIM directory sync with group mappings",
    meaning:
      "The identity provider creates and removes accounts through SCIM, and identity-provider group membership decides each person's access and role through group mappings.",
  },
};

export function provisioningModeInfo(value: unknown): ProvisioningModeInfo | undefined {
  return typeof value === "string" ? PROVISIONING_MODES[value] : undefined;
}
