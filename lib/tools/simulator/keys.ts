import { DEMO_ACCESS_KEY } from "@/lib/server/demo-account";

/*
 * The simulator's Compliance Access Keys. Public on purpose: they unlock synthetic data only.
 * One key per situation a client must handle (API.md "Access"): both scopes, one scope each,
 * the newer audit scope, a deactivated and an expired key, and an Admin key (always 403).
 */

export const SCOPE_ORG_DATA = "read:compliance_org_data";
export const SCOPE_USER_DATA = "read:compliance_user_data";
export const SCOPE_ORG_AUDIT = "read:org_audit";

export const SIM_KEYS = {
  full: "sk-ant-api01-sim-full-scope-key-for-tests-0001",
  orgDataOnly: "sk-ant-api01-sim-org-data-only-key-0002",
  userDataOnly: "sk-ant-api01-sim-user-data-only-key-0003",
  auditOnly: "sk-ant-api01-sim-org-audit-only-key-0004",
  deactivated: "sk-ant-api01-sim-deactivated-key-0005",
  expired: "sk-ant-api01-sim-expired-key-0006",
  demo: DEMO_ACCESS_KEY,
  /** Any `sk-ant-admin01-` key is refused with 403; this one is here for convenience. */
  admin: "sk-ant-admin01-sim-admin-key-refused-0007",
} as const;

export type SimKeyName = keyof typeof SIM_KEYS;

export type KeyStatus = "active" | "deactivated" | "expired";

export interface SimKeyRecord {
  name: SimKeyName;
  key: string;
  /** The key's id as `api_keys` on the settings endpoint lists it. */
  id: string;
  label: string;
  scopes: readonly string[];
  status: KeyStatus;
  createdAt: string;
  expiresAt: string | null;
}

export const SIM_KEY_RECORDS: readonly SimKeyRecord[] = [
  { name: "full", key: SIM_KEYS.full, id: "apikey_01FullScope0000000000000", label: "SIEM connector", scopes: [SCOPE_ORG_DATA, SCOPE_USER_DATA], status: "active", createdAt: "2025-04-02T09:15:00Z", expiresAt: null },
  { name: "orgDataOnly", key: SIM_KEYS.orgDataOnly, id: "apikey_01OrgDataOnly00000000000", label: "Org reporting (org data only)", scopes: [SCOPE_ORG_DATA], status: "active", createdAt: "2025-05-11T14:02:00Z", expiresAt: "2027-05-11T14:02:00Z" },
  { name: "userDataOnly", key: SIM_KEYS.userDataOnly, id: "apikey_01UserDataOnly0000000000", label: "User sync (user data only)", scopes: [SCOPE_USER_DATA], status: "active", createdAt: "2025-05-11T14:05:00Z", expiresAt: null },
  { name: "auditOnly", key: SIM_KEYS.auditOnly, id: "apikey_01OrgAuditOnly0000000000", label: "Audit integration", scopes: [SCOPE_ORG_AUDIT], status: "active", createdAt: "2026-01-20T08:00:00Z", expiresAt: null },
  { name: "deactivated", key: SIM_KEYS.deactivated, id: "apikey_01Deactivated00000000000", label: "Old eDiscovery export", scopes: [SCOPE_ORG_DATA, SCOPE_USER_DATA], status: "deactivated", createdAt: "2024-11-03T16:40:00Z", expiresAt: null },
  { name: "expired", key: SIM_KEYS.expired, id: "apikey_01Expired000000000000000", label: "Pilot key (expired)", scopes: [SCOPE_ORG_DATA, SCOPE_USER_DATA], status: "expired", createdAt: "2024-06-01T10:00:00Z", expiresAt: "2025-06-01T10:00:00Z" },
  { name: "demo", key: SIM_KEYS.demo, id: "apikey_01DemoDashboard000000000", label: "Compliance Directory (demo)", scopes: [SCOPE_ORG_DATA, SCOPE_USER_DATA], status: "active", createdAt: "2025-09-09T12:00:00Z", expiresAt: null },
];

const BY_KEY = new Map(SIM_KEY_RECORDS.map((r) => [r.key, r]));

export type KeyCheck =
  | { ok: true; record: SimKeyRecord }
  | { ok: false; reason: "missing" | "admin" | "invalid" | "deactivated" | "expired" };

/** What the API makes of the `x-api-key` header. */
export function checkKey(raw: string | undefined): KeyCheck {
  const key = raw?.trim();
  if (!key) return { ok: false, reason: "missing" };
  if (key.startsWith("sk-ant-admin01-")) return { ok: false, reason: "admin" };
  const record = BY_KEY.get(key);
  if (!record) return { ok: false, reason: "invalid" };
  if (record.status !== "active") return { ok: false, reason: record.status };
  return { ok: true, record };
}
