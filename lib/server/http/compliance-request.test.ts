import { describe, expect, it } from "vitest";
import { parseComplianceRequest } from "./compliance-request";

const ORG = "91012d09-e48b-438e-a489-1bebfd8fa6f9";
const parse = (path: string, query = "") => parseComplianceRequest(path.split("/").filter(Boolean), new URLSearchParams(query));

describe("the proxy's request checks", () => {
  it("maps every documented endpoint", () => {
    expect(parse("organizations")).toMatchObject({ ok: true, request: { endpoint: "organizations" } });
    expect(parse(`organizations/${ORG}/users`, "limit=1000&page=abc")).toMatchObject({
      ok: true,
      request: { endpoint: "organizationUsers", orgUuid: ORG, query: { limit: 1000, page: "abc" } },
    });
    expect(parse(`organizations/${ORG}/roles`)).toMatchObject({ ok: true, request: { endpoint: "roles" } });
    expect(parse(`organizations/${ORG}/roles/rbac_role_1`)).toMatchObject({ ok: true, request: { endpoint: "role", roleId: "rbac_role_1" } });
    expect(parse(`organizations/${ORG}/roles/rbac_role_1/permissions`)).toMatchObject({ ok: true, request: { endpoint: "rolePermissions" } });
    expect(parse(`organizations/${ORG}/settings`)).toMatchObject({ ok: true, request: { endpoint: "organizationSettings" } });
    expect(parse("groups", "name_prefix=Eng")).toMatchObject({ ok: true, request: { endpoint: "groups", query: { name_prefix: "Eng" } } });
    expect(parse("groups/rbac_group_1")).toMatchObject({ ok: true, request: { endpoint: "group" } });
    expect(parse("groups/rbac_group_1/members", "limit=5")).toMatchObject({ ok: true, request: { endpoint: "groupMembers", query: { limit: 5 } } });
  });

  it("refuses an organization id that is not a UUID, saying what one looks like", () => {
    const r = parse("organizations/not-a-uuid/users");
    expect(r).toMatchObject({ ok: false, status: 400 });
    if (!r.ok) expect(r.message).toMatch(/not an organization UUID/);
  });

  it.each(["../etc", "a/b", "x".repeat(129), "rbac\u0000role", "rôle", ""])("refuses the role or group id %j", (id) => {
    expect(parseComplianceRequest(["groups", id], new URLSearchParams())).toMatchObject({ ok: false, status: 400 });
    expect(parseComplianceRequest(["organizations", ORG, "roles", id], new URLSearchParams())).toMatchObject({ ok: false, status: 400 });
  });

  it.each(["0", "1001", "-1", "1.5", "abc", "", "1e3", " 5"])("refuses limit=%j", (limit) => {
    expect(parse("organizations", `limit=${encodeURIComponent(limit)}`)).toMatchObject({ ok: false, status: 400 });
  });

  it("refuses unknown, repeated and oversized parameters", () => {
    expect(parse("organizations", "foo=1")).toMatchObject({ ok: false, status: 400 });
    expect(parse("organizations", "limit=1&limit=2")).toMatchObject({ ok: false, status: 400 });
    expect(parse("organizations", `page=${"x".repeat(4097)}`)).toMatchObject({ ok: false, status: 400 });
    expect(parse(`organizations/${ORG}/settings`, "limit=5")).toMatchObject({ ok: false, status: 400 });
    expect(parse(`organizations/${ORG}/users`, "name_prefix=a")).toMatchObject({ ok: false, status: 400 });
  });

  it("answers 404 for paths that are no endpoint", () => {
    expect(parse("activities")).toMatchObject({ ok: false, status: 404 });
    expect(parse(`organizations/${ORG}/users/extra`)).toMatchObject({ ok: false, status: 404 });
  });

  it("never echoes control characters or kilobytes of input", () => {
    const r = parse(`organizations/${"\u0001".repeat(5000)}/users`);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message.length).toBeLessThan(300);
      expect(r.message).not.toMatch(/\u0001/);
    }
  });
});
