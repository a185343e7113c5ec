import { describe, expect, it } from "vitest";
import { MAX_REQUEST_ID_LENGTH, classifyErrorAnswer, parseMissingScopes, redactSecrets, scrubbedRequestId, scrubUpstreamText } from "./response-errors";

const answer = (status: number, body: unknown, path = "/v1/compliance/organizations", headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  bodyText: typeof body === "string" ? body : JSON.stringify(body),
  path,
  requestId: "req_123",
});
const err = (type: string, message: string) => ({ type: "error", error: { type, message } });

/** A missing-scope answer is a permission error, not retried, whose message names the first missing scope. */
function expectMissingScopes(a: ReturnType<typeof answer>, scopes: string[]) {
  const c = classifyErrorAnswer(a, 1);
  expect(c.error.kind).toBe("permission");
  expect(c.error.missingScopes).toEqual(scopes);
  expect(c.error.message).toContain(scopes[0]);
  expect(c.retry).toBe("none");
  return c;
}

describe("upstream error answers become officer-readable errors", () => {
  it("names the missing scope of a 403", () => {
    expectMissingScopes(
      answer(
        403,
        err("permission_error", "Missing required scopes. Got: ['read:compliance_org_data'] Needed one of: ['read:compliance_user_data', 'read:org_audit']"),
        "/v1/compliance/organizations/0b2b6c1e-1b0a-4c53-9c39-2d4a5e6f7a8b/users",
      ),
      ["read:compliance_user_data", "read:org_audit"],
    );
  });

  it("treats the older spec's 401 for a missing scope as a permission problem", () => {
    const c = classifyErrorAnswer(answer(401, err("authentication_error", 'Missing required scopes. Got: ["read:compliance_user_data"] Needed one of: ["read:compliance_org_data"]')), 1);
    expect(c.error.kind).toBe("permission");
    expect(c.error.missingScopes).toEqual(["read:compliance_org_data"]);
  });

  it("parses scope lists in either quoting", () => {
    expect(parseMissingScopes("Missing required scopes. Got: [] Needed one of: [read:compliance_org_data]")).toEqual(["read:compliance_org_data"]);
  });

  it("explains an Admin key's 403", () => {
    const c = classifyErrorAnswer(answer(403, err("permission_error", "Forbidden")), 1);
    expect(c.error.kind).toBe("permission");
    expect(c.error.message).toMatch(/Admin API key/);
  });

  it("says a deactivated key is deactivated and what to set", () => {
    const c = classifyErrorAnswer(answer(401, err("authentication_error", "API key has been deactivated.")), 1);
    expect(c.error.kind).toBe("authentication");
    expect(c.error.message).toMatch(/deactivated/);
    // What to do in an officer's terms; the variable's name is for the server log only.
    expect(c.error.message).toMatch(/tell the dashboard's operator/i);
    expect(c.error.message).not.toMatch(/ANTHROPIC_COMPLIANCE_ACCESS_KEY/);
  });

  it("a bare 404 on the organizations list is an authentication problem", () => {
    const c = classifyErrorAnswer(answer(404, err("not_found_error", "Not found")), 1);
    expect(c.error.kind).toBe("authentication");
  });

  it("a 404 names the id that was not found", () => {
    const c = classifyErrorAnswer(
      answer(404, err("not_found_error", "Role not found."), "/v1/compliance/organizations/0b2b6c1e-1b0a-4c53-9c39-2d4a5e6f7a8b/roles/rbac_role_x"),
      1,
    );
    expect(c.error.kind).toBe("not_found");
    expect(c.error.message).toContain("rbac_role_x");
    const g = classifyErrorAnswer(answer(404, err("not_found_error", "Group not found."), "/v1/compliance/groups/rbac_group_9"), 1);
    expect(g.error.message).toContain("rbac_group_9");
  });

  it("says when the Compliance API is not enabled", () => {
    const c = classifyErrorAnswer(answer(400, err("invalid_request_error", "Compliance API is not enabled for this organization")), 1);
    expect(c.error.kind).toBe("bad_request");
    expect(c.error.message).toMatch(/not enabled/);
  });

  it("the 1,000-organization 500 is its own kind and is never retried", () => {
    for (const message of ["Maximum Response Size Exceeded", "Response exceeds maximum of 1,000 organizations. Contact support."]) {
      const c = classifyErrorAnswer(answer(500, err("api_error", message)), 1);
      expect(c.error.kind).toBe("org_cap");
      expect(c.retry).toBe("none");
      expect(c.error.message).toMatch(/1,000/);
      expect(c.error.message).toMatch(/Anthropic support/);
    }
  });

  it("retries transient statuses, a plain 500 a little, and never one marked x-should-retry false", () => {
    expect(classifyErrorAnswer(answer(529, err("overloaded_error", "Overloaded")), 1).retry).toBe("transient");
    expect(classifyErrorAnswer(answer(503, "<html>bad gateway</html>"), 1).retry).toBe("transient");
    expect(classifyErrorAnswer(answer(500, err("api_error", "Internal")), 1).retry).toBe("server");
    expect(classifyErrorAnswer(answer(500, err("api_error", "Internal"), undefined, { "x-should-retry": "false" }), 1).retry).toBe("none");
    expect(classifyErrorAnswer(answer(529, err("overloaded_error", "x"), undefined, { "x-should-retry": "false" }), 1).retry).toBe("none");
    expect(classifyErrorAnswer(answer(429, err("rate_limit_error", "slow down")), 1).retry).toBe("rate_limit");
  });

  it("keeps no key in what it keeps of the upstream's words", () => {
    const key = "sk-ant-api01-SECRETSECRETSECRET";
    const c = classifyErrorAnswer(answer(400, err("invalid_request_error", `bad key ${key} given`)), 1, key);
    expect(c.error.message).not.toContain(key);
    expect(c.error.upstreamMessage).not.toContain(key);
    expect(redactSecrets(`x ${key} y`)).toBe("x [redacted key] y");
  });
});

describe("every upstream string is scrubbed before it is kept", () => {
  const key = "sk-ant-api01-sim-full-scope-key-for-tests-0001";

  it("redacts any key shape, the configured key and its secret part alone", () => {
    expect(scrubUpstreamText(`req_1-${key}`, key, 128)).toBe("req_1-[redacted key]");
    expect(scrubUpstreamText("req_1-sk-ant-admin01-Other_Key-123", key, 128)).toBe("req_1-[redacted key]");
    expect(scrubUpstreamText("req_1-sim-full-scope-key-for-tests-0001", key, 128)).toBe("req_1-[redacted key]");
  });

  it("strips control and invisible characters first, so they cannot hide a key from the redaction", () => {
    const split = `req_1 sk-ant-\u200bapi01-sim-full-scope-key-for-tests-0001\r\nX-Injected: 1\u202e`;
    const out = scrubUpstreamText(split, undefined, 128);
    expect(out).not.toMatch(/api01-sim-full/);
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b\u202e]/);
  });

  it("bounds a request id's length, and drops one that is empty after scrubbing", () => {
    const long = scrubbedRequestId(new Headers({ "request-id": `req_${"x".repeat(5000)}` }), key)!;
    expect(long.length).toBe(MAX_REQUEST_ID_LENGTH);
    expect(scrubbedRequestId(new Headers({ "request-id": "\t " }), key)).toBeUndefined();
    expect(scrubbedRequestId(new Headers({ "x-request-id": "req_abc" }), key)).toBe("req_abc");
    expect(scrubbedRequestId(new Headers(), key)).toBeUndefined();
  });
});

describe("revision J's error wordings", () => {
  it("the cap as internal_error is the org cap, never retried", () => {
    const c = classifyErrorAnswer(
      answer(500, err("internal_error", "This response would have exceeded the maximum of 1,000 organizations returned in one request.")),
      1,
    );
    expect(c.error.kind).toBe("org_cap");
    expect(c.retry).toBe("none");
  });

  it("a 401 for a missing scope names the scope", () => {
    const c = expectMissingScopes(
      answer(
        401,
        err("authentication_error", "The API key provided does not have the `read:compliance_user_data` scope required for this endpoint."),
        "/v1/compliance/groups/rbac_group_1/members",
      ),
      ["read:compliance_user_data"],
    );
    expect(c.error.message).not.toMatch(/invalid/);
  });
});
