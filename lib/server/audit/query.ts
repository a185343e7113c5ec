import { AUDIT_LIST_DEFAULT_LIMIT, AUDIT_LIST_MAX_LIMIT, type AuditQuery } from "@/lib/shared/audit/entry";

/*
 * The audit routes' query string, parsed once for the JSON list and the CSV download alike.
 * `from`/`to` take an ISO timestamp or a day (YYYY-MM-DD); a day as `to` includes that whole day,
 * which is what an officer picking "to 31 March" means.
 */

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const ALLOWED = new Set(["from", "to", "actor", "action", "outcome", "limit", "cursor"]);

export type AuditQueryParse = { ok: true; query: AuditQuery } | { ok: false; message: string };

function parseBound(name: string, raw: string, end: boolean): number | string {
  if (DAY_RE.test(raw)) {
    const t = Date.parse(`${raw}T00:00:00.000Z`);
    if (Number.isNaN(t)) return `${name} "${raw}" is not a date`;
    return end ? t + 86_400_000 : t;
  }
  const t = Date.parse(raw);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(raw)) return `${name} must be a date (YYYY-MM-DD) or an ISO timestamp; got "${raw.slice(0, 40)}"`;
  return t;
}

export function parseAuditQuery(params: URLSearchParams, opts: { paged: boolean } = { paged: true }): AuditQueryParse {
  const query: AuditQuery = {};
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (!ALLOWED.has(key) || (!opts.paged && (key === "limit" || key === "cursor"))) {
      return { ok: false, message: `Unknown query parameter "${key.slice(0, 40)}". Use ${[...ALLOWED].filter((k) => opts.paged || (k !== "limit" && k !== "cursor")).join(", ")}.` };
    }
    if (seen.has(key)) return { ok: false, message: `Query parameter "${key}" is given twice; give it once.` };
    seen.add(key);
    if (value.length > 200) return { ok: false, message: `Query parameter "${key}" is too long.` };
    switch (key) {
      case "from":
      case "to": {
        const t = parseBound(key, value, key === "to");
        if (typeof t === "string") return { ok: false, message: t };
        query[key] = t;
        break;
      }
      case "limit": {
        const n = Number(value);
        if (!/^\d+$/.test(value) || n < 1 || n > AUDIT_LIST_MAX_LIMIT) return { ok: false, message: `limit must be a whole number from 1 to ${AUDIT_LIST_MAX_LIMIT}.` };
        query.limit = n;
        break;
      }
      case "actor":
      case "action":
      case "outcome":
      case "cursor":
        if (value !== "") query[key] = value;
        break;
    }
  }
  if (query.from !== undefined && query.to !== undefined && query.from >= query.to) {
    return { ok: false, message: "from must be earlier than to." };
  }
  if (opts.paged) query.limit ??= AUDIT_LIST_DEFAULT_LIMIT;
  return { ok: true, query };
}
