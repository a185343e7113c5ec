import type { User } from "@/lib/shared/compliance/schemas";
import { distinctParam, exportParams } from "./query-params";

/*
 * The users export's query string: which organizations, and the People view's filters (role,
 * email domain, search). Isomorphic: the server validates with it before any upstream call, and
 * the People page builds its export link with it, so the link always passes validation.
 */

export type UsersExportFormat = "csv" | "ndjson" | "xlsx";

export interface UsersExportQuery {
  /** Organization uuids (lower case, de-duplicated); empty = every organization. */
  orgs: string[];
  /** organization_role values; empty = any. */
  roles: string[];
  /** Email domains (lower case, no "@"); empty = any. */
  domains: string[];
  /** Case-insensitive substring of full name, email or user id. */
  q?: string;
  /** CSV only: prefix a UTF-8 byte-order mark for Excel. */
  bom: boolean;
  /** The complete sync to export (`as_of`, read and checked by the server route: lib/server/http/as-of.ts); unset: live. */
  asOf?: string;
}

export type UsersExportQueryParse = { ok: true; query: UsersExportQuery } | { ok: false; message: string };

// A later API revision may add organization roles; accept any role-shaped word, not just today's list.
const ROLE_RE = /^[a-z][a-z0-9_]{0,63}$/;
const DOMAIN_RE = /^[^\s@,/\\]{1,253}$/;
const MAX_Q = 200;

const PARAMS: Record<UsersExportFormat, readonly string[]> = {
  csv: ["org", "role", "domain", "q", "bom"],
  ndjson: ["org", "role", "domain", "q"],
  // The CSV's parameters, so the same view links to either; bom changes nothing in a workbook.
  xlsx: ["org", "role", "domain", "q", "bom"],
};

const refuse = (message: string): UsersExportQueryParse => ({ ok: false, message });

export function parseUsersExportQuery(params: URLSearchParams, format: UsersExportFormat): UsersExportQueryParse {
  const allowed = PARAMS[format];
  const orgs = exportParams(params, allowed);
  if (!orgs.ok) return orgs;
  const roles = distinctParam(params, "role", { valid: ROLE_RE, refusal: (role) => `role "${role}" is not an organization role (like user, admin, owner).` });
  if (!roles.ok) return roles;

  const domains: string[] = [];
  for (const raw of params.getAll("domain")) {
    const domain = raw.trim().replace(/^@/, "").toLowerCase();
    if (!DOMAIN_RE.test(domain)) return refuse(`domain "${raw.slice(0, 60)}" is not an email domain (like example.com).`);
    if (!domains.includes(domain)) domains.push(domain);
  }

  const qs = params.getAll("q");
  if (qs.length > 1) return refuse('Give "q" once.');
  const q = qs[0];
  if (q !== undefined && q.length > MAX_Q) return refuse(`q is longer than ${MAX_Q} characters.`);

  const boms = params.getAll("bom");
  if (boms.length > 1 || (boms[0] !== undefined && boms[0] !== "1" && boms[0] !== "0")) return refuse("bom takes 1 (add a byte-order mark for Excel) or 0.");

  return { ok: true, query: { orgs: orgs.values, roles: roles.values, domains, q: q === undefined || q === "" ? undefined : q, bom: boms[0] === "1" } };
}

/** The email's domain, lower case ("" when there is no "@"). */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : email.slice(at + 1).toLowerCase();
}

/** The People view's row filter: role, domain and search, all that are set must match. */
export function userMatches(user: Pick<User, "id" | "email" | "full_name" | "organization_role">, query: Omit<UsersExportQuery, "orgs" | "bom">): boolean {
  if (query.roles.length > 0 && !query.roles.includes(user.organization_role)) return false;
  if (query.domains.length > 0 && !query.domains.includes(emailDomain(user.email))) return false;
  if (query.q) {
    const needle = query.q.toLowerCase();
    if (!user.full_name.toLowerCase().includes(needle) && !user.email.toLowerCase().includes(needle) && !user.id.toLowerCase().includes(needle)) return false;
  }
  return true;
}

/** The query as the audit log records it: only what was set. */
export function usersExportFilters(query: UsersExportQuery): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (query.orgs.length) f.org = query.orgs;
  if (query.roles.length) f.role = query.roles;
  if (query.domains.length) f.domain = query.domains;
  if (query.q) f.q = query.q;
  if (query.bom) f.bom = true;
  if (query.asOf) f.as_of = query.asOf;
  return f;
}

/** The export link for a query, e.g. from the People page's current filters. */
export function usersExportHref(format: UsersExportFormat, query: Partial<UsersExportQuery> = {}): string {
  const p = new URLSearchParams();
  for (const o of query.orgs ?? []) p.append("org", o);
  for (const r of query.roles ?? []) p.append("role", r);
  for (const d of query.domains ?? []) p.append("domain", d);
  if (query.q) p.set("q", query.q);
  if (format === "csv" && query.bom) p.set("bom", "1");
  const s = p.toString();
  return `/api/export/users.${format}${s ? `?${s}` : ""}`;
}
