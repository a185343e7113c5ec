import { ENDPOINTS, matchEndpoint, preview, queryNames, type ComplianceRequest } from "@/lib/shared/compliance/endpoints";

/*
 * Maps `<path>` under `/api/compliance/` (and `/api/directory/`) onto one endpoint of the table
 * (lib/shared/compliance/endpoints.ts), checking every id and query parameter before anything leaves
 * this process (CONTRACT.md). The one place they are checked: everything after it holds a request
 * known to be good. Pure: no I/O, so the checks are unit-tested without a server.
 */

export type ParseResult = { ok: true; request: ComplianceRequest } | { ok: false; status: 400 | 404; message: string };

export function parseComplianceRequest(segments: readonly string[], search: URLSearchParams): ParseResult {
  const match = matchEndpoint(segments, { checkIds: true });
  if (!match.ok) {
    return match.status === 400
      ? { ok: false, status: 400, message: match.message! }
      : { ok: false, status: 404, message: "No such Compliance API endpoint. See the dashboard's README for the routes it proxies." };
  }
  const allowed = queryNames(match.endpoint);
  const raw: Record<string, string> = {};
  for (const [key, value] of search) {
    if (!allowed.includes(key)) {
      const expected = allowed.length ? `only ${allowed.join(", ")}` : "no query parameters";
      return { ok: false, status: 400, message: `Query parameter "${preview(key)}" is not accepted here; this endpoint takes ${expected}.` };
    }
    if (key in raw) return { ok: false, status: 400, message: `Query parameter "${key}" was given more than once; give it once.` };
    raw[key] = value;
  }
  const query = ENDPOINTS[match.endpoint].query.safeParse(raw);
  if (!query.success) return { ok: false, status: 400, message: query.error.issues[0]!.message };
  return { ok: true, request: { endpoint: match.endpoint, ...match.params, query: query.data } as ComplianceRequest };
}
