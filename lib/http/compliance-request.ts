import { isOrganizationUuid, isRbacId, MAX_LIMIT, MAX_PAGE_TOKEN_LENGTH } from "@/lib/compliance/ids";

/*
 * Maps `/api/compliance/<path>` onto one upstream endpoint and checks every id and query
 * parameter before anything leaves this process (CONTRACT.md). Pure: no I/O, so the same
 * checks are unit-tested without a server.
 */

export type ComplianceRequest =
  | { endpoint: "listOrganizations"; query: ListQuery }
  | { endpoint: "listOrganizationUsers"; orgUuid: string; query: ListQuery }
  | { endpoint: "listRoles"; orgUuid: string; query: ListQuery }
  | { endpoint: "getRole"; orgUuid: string; roleId: string }
  | { endpoint: "listRolePermissions"; orgUuid: string; roleId: string; query: ListQuery }
  | { endpoint: "getOrganizationSettings"; orgUuid: string }
  | { endpoint: "listGroups"; query: ListQuery & { name_prefix?: string } }
  | { endpoint: "getGroup"; groupId: string }
  | { endpoint: "listGroupMembers"; groupId: string; query: ListQuery };

export interface ListQuery {
  limit?: number;
  page?: string;
}

export type ParseResult = { ok: true; request: ComplianceRequest } | { ok: false; status: 400 | 404; message: string };

const bad = (message: string): ParseResult => ({ ok: false, status: 400, message });

const MAX_NAME_PREFIX = 256;

function checkOrg(id: string): string | undefined {
  return isOrganizationUuid(id)
    ? undefined
    : `"${preview(id)}" is not an organization UUID (like 91012d09-e48b-438e-a489-1bebfd8fa6f9); copy the uuid from the Organizations page.`;
}

function checkRbac(kind: "role" | "group", id: string): string | undefined {
  return isRbacId(id)
    ? undefined
    : `"${preview(id)}" is not a ${kind} id: ${kind} ids are 1 to 128 letters, digits, "_" or "-" (like rbac_${kind}_01N2pQ...).`;
}

/** Shows a bad input back to the officer without echoing kilobytes or control characters. */
function preview(s: string): string {
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}

function parseQuery(params: URLSearchParams, allowed: readonly string[]): { ok: true; query: Record<string, string> } | { ok: false; message: string } {
  const query: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!allowed.includes(key)) {
      const expected = allowed.length ? `only ${allowed.join(", ")}` : "no query parameters";
      return { ok: false, message: `Query parameter "${preview(key)}" is not accepted here; this endpoint takes ${expected}.` };
    }
    if (key in query) return { ok: false, message: `Query parameter "${key}" was given more than once; give it once.` };
    query[key] = value;
  }
  return { ok: true, query };
}

function parseListQuery(raw: Record<string, string>): { ok: true; query: ListQuery } | { ok: false; message: string } {
  const query: ListQuery = {};
  if (raw.limit !== undefined) {
    if (!/^\d{1,4}$/.test(raw.limit) || Number(raw.limit) < 1 || Number(raw.limit) > MAX_LIMIT) {
      return { ok: false, message: `limit must be a whole number from 1 to ${MAX_LIMIT} (got "${preview(raw.limit)}").` };
    }
    query.limit = Number(raw.limit);
  }
  if (raw.page !== undefined) {
    if (raw.page.length === 0 || raw.page.length > MAX_PAGE_TOKEN_LENGTH) {
      return { ok: false, message: `page must be the next_page token of a previous answer (1 to ${MAX_PAGE_TOKEN_LENGTH} characters).` };
    }
    query.page = raw.page;
  }
  return { ok: true, query };
}

const LIST = ["limit", "page"] as const;

export function parseComplianceRequest(segments: readonly string[], params: URLSearchParams): ParseResult {
  const [a, b, c, d, e, ...rest] = segments;
  if (rest.length > 0) return { ok: false, status: 404, message: "No such Compliance API endpoint." };

  const list = (allowed: readonly string[] = LIST) => {
    const q = parseQuery(params, allowed);
    if (!q.ok) return q;
    return parseListQuery(q.query);
  };
  const none = () => parseQuery(params, []);

  if (a === "organizations") {
    if (b === undefined) {
      const q = list();
      return q.ok ? { ok: true, request: { endpoint: "listOrganizations", query: q.query } } : bad(q.message);
    }
    const orgErr = checkOrg(b);
    if (orgErr) return bad(orgErr);
    if (c === "users" && d === undefined) {
      const q = list();
      return q.ok ? { ok: true, request: { endpoint: "listOrganizationUsers", orgUuid: b, query: q.query } } : bad(q.message);
    }
    if (c === "settings" && d === undefined) {
      const q = none();
      return q.ok ? { ok: true, request: { endpoint: "getOrganizationSettings", orgUuid: b } } : bad(q.message);
    }
    if (c === "roles") {
      if (d === undefined) {
        const q = list();
        return q.ok ? { ok: true, request: { endpoint: "listRoles", orgUuid: b, query: q.query } } : bad(q.message);
      }
      const roleErr = checkRbac("role", d);
      if (roleErr) return bad(roleErr);
      if (e === undefined) {
        const q = none();
        return q.ok ? { ok: true, request: { endpoint: "getRole", orgUuid: b, roleId: d } } : bad(q.message);
      }
      if (e === "permissions") {
        const q = list();
        return q.ok ? { ok: true, request: { endpoint: "listRolePermissions", orgUuid: b, roleId: d, query: q.query } } : bad(q.message);
      }
    }
  }

  if (a === "groups" && d === undefined) {
    if (b === undefined) {
      const q = parseQuery(params, ["limit", "page", "name_prefix"]);
      if (!q.ok) return bad(q.message);
      const lq = parseListQuery(q.query);
      if (!lq.ok) return bad(lq.message);
      const prefix = q.query.name_prefix;
      if (prefix !== undefined && (prefix.length === 0 || prefix.length > MAX_NAME_PREFIX)) {
        return bad(`name_prefix must be 1 to ${MAX_NAME_PREFIX} characters.`);
      }
      return { ok: true, request: { endpoint: "listGroups", query: { ...lq.query, ...(prefix !== undefined ? { name_prefix: prefix } : {}) } } };
    }
    const groupErr = checkRbac("group", b);
    if (groupErr) return bad(groupErr);
    if (c === undefined) {
      const q = none();
      return q.ok ? { ok: true, request: { endpoint: "getGroup", groupId: b } } : bad(q.message);
    }
    if (c === "members") {
      const q = list();
      return q.ok ? { ok: true, request: { endpoint: "listGroupMembers", groupId: b, query: q.query } } : bad(q.message);
    }
  }

  return { ok: false, status: 404, message: "No such Compliance API endpoint. See the dashboard's README for the routes it proxies." };
}
