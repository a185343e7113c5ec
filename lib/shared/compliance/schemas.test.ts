import { describe, expect, it } from "vitest";
import * as schemas from "./schemas";

/* Records as API.md documents them, each with a field a later API revision might add. */

const organization = { uuid: "0b2b6c1e-1b0a-4c53-9c39-2d4a5e6f7a8b", name: "Acme Legal", created_at: "2024-01-15T09:30:00Z", region: "eu" };
const user = {
  id: "user_01H8XYZ",
  full_name: "Ada Lovelace",
  email: "ada@acme.example",
  created_at: "2024-02-01T10:00:00.123456+00:00",
  organization_role: "primary_owner",
  seat_tier: "premium",
};
const role = { id: "rbac_role_01abc", name: "Auditors", description: null, created_at: null, updated_at: "2025-03-01T00:00:00Z", is_builtin: false };
const permission = { action: "read", resource_id: "proj_1", resource_type: "project", granted_via: "group" };
const group = {
  id: "rbac_group_01xyz",
  name: "Legal SCIM",
  description: "Synced from Okta",
  source_type: "scim",
  roles: ["rbac_role_01abc"],
  // Timestamps may come without a UTC offset (API.md).
  created_at: "2025-03-12T18:22:41.123456",
  updated_at: null,
  external_id: "okta-123",
};
const member = { user_id: "user_01H8XYZ", email: "ada@acme.example", created_at: "2025-03-12T18:22:41", updated_at: null, added_by: "scim" };
const settings = {
  organization_id: "0b2b6c1e-1b0a-4c53-9c39-2d4a5e6f7a8b",
  type: "effective_organization_settings",
  settings: [
    { name: "sso_enabled", value: true, type: "boolean" },
    { name: "account_session_duration_seconds", value: null, type: "integer" },
    { name: "allowed_invite_domains", value: ["acme.example"], type: "string_list" },
    { name: "sso_provisioning_mode", value: "scim_advanced", type: "provisioning_mode" },
    {
      name: "data_retention_periods",
      value: { chats: { type: "fixed", duration: 90, timescale: "day" }, files: { type: "indefinite" } },
      type: "data_retention",
    },
    { name: "code_execution_enabled", value: false },
    { name: "future_setting", value: { nested: 1 }, type: "some_new_kind" },
  ],
  api_keys: [
    {
      id: "apikey_01",
      name: "SIEM",
      scopes: ["read:compliance_org_data", "read:compliance_user_data"],
      is_active: true,
      created_at: "2025-01-01T00:00:00Z",
      created_by_id: null,
      expires_at: null,
      type: "compliance_api_key",
      last_used_at: "2025-06-01T00:00:00Z",
    },
  ],
  generated_at: "2026-01-01T00:00:00Z",
};

describe("the record schemas accept the documented records and keep unknown fields", () => {
  it.each([
    ["Organization", schemas.organizationSchema, organization],
    ["User", schemas.userSchema, user],
    ["Role", schemas.roleSchema, role],
    ["Permission", schemas.permissionSchema, permission],
    ["Group", schemas.groupSchema, group],
    ["GroupMember", schemas.groupMemberSchema, member],
    ["EffectiveSettings", schemas.effectiveSettingsSchema, settings],
  ] as const)("%s", (_name, schema, record) => {
    const parsed = (schema as typeof schemas.organizationSchema).parse(record);
    expect(parsed).toEqual(record);
  });

  it("every organization_role, and roles a later revision may add", () => {
    for (const r of ["admin", "billing", "claude_code_user", "developer", "managed", "membership_admin", "owner", "primary_owner", "user", "auditor"]) {
      expect(schemas.userSchema.parse({ ...user, organization_role: r }).organization_role).toBe(r);
    }
  });

  it("a page envelope, paginated or the legacy bare {data}", () => {
    const page = schemas.pageSchema(schemas.userSchema);
    expect(page.parse({ data: [user], has_more: true, next_page: "opaque==", total_hint: 3 })).toEqual({
      data: [user],
      has_more: true,
      next_page: "opaque==",
      total_hint: 3,
    });
    expect(schemas.pageSchema(schemas.organizationSchema).parse({ data: [organization] })).toEqual({ data: [organization] });
    expect(page.parse({ data: [], has_more: false, next_page: null }).next_page).toBeNull();
  });

  it("refuses a record missing what it must have", () => {
    expect(schemas.userSchema.safeParse({ ...user, email: undefined }).success).toBe(false);
    expect(schemas.organizationSchema.safeParse({ ...organization, created_at: "yesterday" }).success).toBe(false);
  });

  it("the upstream error body", () => {
    const body = { type: "error", error: { type: "permission_error", message: "Missing required scopes.", details: { error_code: "x" } } };
    expect(schemas.upstreamErrorBodySchema.parse(body).error.type).toBe("permission_error");
  });
});
