import type { AuditEntry } from "@/lib/shared/audit/entry";
import { formatCount } from "@/lib/browser/format/numbers";

/*
 * An audit entry as one sentence an officer reads ("Downloaded users.csv: 12,400 rows of 3
 * organizations (filters: role = admin), SHA-256 ab12…"), instead of the stored filter object.
 * The stored entry stays as it is (the CSV and the hash chain use it); this is only its rendering.
 */

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

const FILTER_WORDS: Record<string, string> = {
  role: "role",
  domain: "email domain",
  group: "group",
  actor: "officer",
  action: "action",
  outcome: "outcome",
  expected_from: "expected members from",
  as_of: "as of sync",
  since: "new since sync",
  privileged_actions: "privileged permissions",
  input: "pasted",
  resolution: "resolution",
  format: "format",
  query: "query",
  attempts: "attempts",
};

/** Keys rendered elsewhere in the sentence (or not worth an officer's reading). */
const NOT_A_FILTER = new Set(["org", "counts", "operation", "directory_built_at", "bom", "coalesced_for"]);

function valueWords(v: unknown): string {
  if (Array.isArray(v)) return v.length <= 3 ? v.map((x) => String(x)).join(", ") : `${plural(v.length, "value")}`;
  if (v !== null && typeof v === "object") return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k.replaceAll("_", " ")} ${valueWords(x)}`).join(", ");
  if (typeof v === "number") return formatCount(v);
  return String(v);
}

function dayWords(iso: unknown): string {
  const t = typeof iso === "string" ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? new Date(t).toISOString().replace("T", " ").slice(0, 16) + " UTC" : String(iso);
}

/** "role = admin, search "smith", from … to …, with a byte-order mark for Excel"; "" when nothing was asked for. */
export function describeFilters(filters: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, v] of Object.entries(filters)) {
    if (NOT_A_FILTER.has(key) || v === undefined || v === null || v === false) continue;
    if (key === "q") parts.push(`search “${String(v)}”`);
    else if (key === "from") parts.push(`from ${dayWords(v)}`);
    else if (key === "to") parts.push(`before ${dayWords(v)}`);
    else if (v === true) parts.push(key.replaceAll("_", " "));
    else parts.push(`${FILTER_WORDS[key] ?? key.replaceAll("_", " ")} = ${valueWords(v)}`);
  }
  if (filters.bom === true) parts.push("with a byte-order mark for Excel");
  return parts.join("; ");
}

function countsWords(counts: unknown): string {
  if (!counts || typeof counts !== "object") return "";
  return Object.entries(counts as Record<string, unknown>)
    .filter(([, n]) => typeof n === "number")
    .map(([k, n]) => `${formatCount(n as number)} ${k.replaceAll("_", " ")}`)
    .join(", ");
}

function shortHash(sha: string | undefined): string {
  return sha ? `SHA-256 ${sha.slice(0, 12)}…` : "";
}

function durationWords(e: AuditEntry): string {
  if (!e.started_at) return "";
  const ms = Date.parse(e.at) - Date.parse(e.started_at);
  return Number.isFinite(ms) && ms >= 0 ? `took ${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s` : "";
}

function join(head: string, ...tail: string[]): string {
  const rest = tail.filter(Boolean);
  return rest.length ? `${head}, ${rest.join(", ")}` : head;
}

function exportSentence(e: AuditEntry): string {
  const orgs = Array.isArray(e.filters.org) ? e.filters.org.length : 0;
  const of = orgs ? ` of ${plural(orgs, "organization")}` : "";
  const filters = describeFilters(e.filters);
  const asked = filters ? ` (filters: ${filters})` : "";
  const rows = e.rows !== undefined ? `${plural(e.rows, "row")}${of}` : of.trim();
  switch (e.outcome) {
    case "completed":
      return join(`Downloaded ${e.target}: ${rows || "no rows"}${asked}`, shortHash(e.sha256), durationWords(e));
    case "started":
      return `Started downloading ${e.target}${of}${asked}`;
    case "aborted":
      return join(`Download of ${e.target} stopped${e.rows !== undefined ? ` after ${plural(e.rows, "row")}` : ""}${asked}`, e.detail ?? "", durationWords(e));
    case "refused":
      return join(`Refused a download of ${e.target}${asked}`, e.detail ?? "");
    default:
      return join(`Download of ${e.target} ${e.outcome}${asked}`, e.detail ?? "");
  }
}

function seedListSentence(e: AuditEntry): string {
  const op = String(e.filters.operation ?? "");
  const counts = countsWords(e.filters.counts);
  const filters = describeFilters(e.filters);
  const verb = op === "save" ? "Saved seed list" : op === "re-resolve" ? "Re-resolved seed list" : op === "download" ? "Downloaded seed list" : "Seed list";
  return join(`${verb} ${e.target}${counts ? `: ${counts}` : ""}${filters ? ` (${filters})` : ""}`, shortHash(e.sha256), e.outcome === "ok" || e.outcome === "completed" ? "" : e.outcome, e.detail ?? "");
}

function reconciliationSentence(e: AuditEntry): string {
  const counts = countsWords(e.filters.counts);
  const filters = describeFilters(e.filters);
  return join(`Reconciled ${e.target}${counts ? `: ${counts}` : ""}${filters ? ` (${filters})` : ""}`, e.outcome === "ok" ? "" : e.outcome, e.detail ?? "");
}

export function describeAuditEntry(e: AuditEntry): string {
  switch (e.action) {
    case "export":
      return exportSentence(e);
    case "login":
      return join("Signed in", e.detail ?? "");
    case "login_failed":
      return join("Failed sign-in", e.detail ?? "");
    case "logout":
      return join("Signed out", e.detail ?? "");
    case "refused":
      return join(`Refused ${e.target}`, e.detail ?? "");
    case "seed_list":
      return seedListSentence(e);
    case "reconciliation":
      return reconciliationSentence(e);
    case "view": {
      // Reads are recorded once per officer, resource and sync per hour (lib/server/audit/view-audit.ts).
      const filters = describeFilters(e.filters);
      const rows = e.rows !== undefined ? `: ${plural(e.rows, "row")}` : "";
      return join(`Viewed ${e.target}${rows}${filters ? ` (${filters})` : ""}`, e.sync_id ? `from sync ${e.sync_id}` : "", e.filters.coalesced_for ? `first read within ${String(e.filters.coalesced_for)}` : "");
    }
    default: {
      const filters = describeFilters(e.filters);
      return join(`${e.action} ${e.target}${filters ? ` (${filters})` : ""}`, e.outcome, e.detail ?? "");
    }
  }
}
