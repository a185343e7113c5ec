import "server-only";
import { createHash } from "node:crypto";
import { auditStore } from "@/lib/server/audit/instance";
import { auditUnavailableResponse } from "@/lib/server/audit/unavailable";
import { CSV_CONTENT_TYPE, csvLine, csvRows, UTF8_BOM, type CsvCell } from "@/lib/shared/csv/write";
import { NDJSON_CONTENT_TYPE, authorizeExport, rawQueryFilters, refuseExport } from "@/lib/server/export/respond";
import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import { refuseDownloadRequest } from "@/lib/server/http/download-guard";
import { changesRepository } from "@/lib/server/store/changes";
import { store } from "@/lib/server/store/instance";
import { CHANGES_MAX_LIMIT, type Change, type ChangeLabels } from "@/lib/shared/changes/change";
import { refuseOtherParams, resolveSyncPair } from "./changes-request";
import { describeChange, groupName, organizationName, personLabel, roleName } from "@/lib/shared/changes/describe";
import { matchesView, parseView, viewFileBase, VIEW_PARAMS } from "@/lib/shared/changes/view";
import { widensAccess } from "@/lib/shared/changes/widens";

/*
 * GET /api/directory/changes.csv and .ndjson: the Changes page's view (same filters as query
 * parameters) as a file. The file is made whole first (changes are read from the store, never
 * upstream, and are as many as the churn), so its audit entry carries the rows, bytes and SHA-256
 * of exactly what is sent, with both syncs, and is written BEFORE the first byte: when the log
 * cannot take it, a 503 and nothing else.
 */

export type ChangesFormat = "csv" | "ndjson";

/** More changes than this in one file: narrow the view (a file that size is not reviewed by hand). */
const MAX_ROWS = 500_000;

export const CHANGES_CSV_HEADER = [
  "kind",
  "widens_access",
  "summary",
  "organization_uuid",
  "organization",
  "user_id",
  "person",
  "group_id",
  "group",
  "role_id",
  "role",
  "setting",
  "before",
  "after",
] as const;

function csvRow(c: Change, labels: ChangeLabels): CsvCell[] {
  return [
    c.kind,
    widensAccess(c, labels),
    describeChange(c, labels),
    c.organization_uuid,
    c.organization_uuid ? organizationName(c, labels) : "",
    c.user_id,
    personLabel(c),
    c.group_id,
    c.group_id ? groupName(c, labels) : "",
    c.role_id,
    c.role_id ? roleName(c, labels) : "",
    c.setting,
    c.before === null ? "" : JSON.stringify(c.before),
    c.after === null ? "" : JSON.stringify(c.after),
  ];
}

export async function downloadChanges(request: Request, format: ChangesFormat): Promise<Response> {
  const refused = refuseDownloadRequest(request.method, request.headers);
  if (refused) return refused;
  const target = `changes.${format}`;
  const url = new URL(request.url);
  const audit = auditStore();
  const officer = await authorizeExport(() => audit, target, url);
  if (officer instanceof Response) return officer;
  const refuse = (status: number, type: string, message: string) => refuseExport({ audit, actor: officer.name, target, filters: rawQueryFilters(url) }, status, type, message);

  const bad = refuseOtherParams(request, ["from", "to", ...VIEW_PARAMS, ...(format === "csv" ? ["bom"] : [])]);
  if (bad) return refuse(bad.status, "invalid_request", ((await bad.json()) as { error: { message: string } }).error.message);
  const params = url.searchParams;
  const bom = params.get("bom");
  if (bom !== null && bom !== "1" && bom !== "0") return refuse(400, "invalid_request", "bom takes 1 (a byte-order mark for Excel) or 0.");
  const parsed = parseView(params);
  if (!parsed.ok) return refuse(400, "invalid_request", parsed.message);
  const view = parsed.view;

  let text: string;
  let rows = 0;
  let pair;
  try {
    const database = await store();
    pair = await resolveSyncPair(database, params);
    if (pair instanceof Response) {
      const { error } = (await pair.clone().json()) as { error: { type: string; message: string } };
      return refuse(pair.status, error.type, error.message);
    }
    const repo = changesRepository(database);
    const labels = await repo.labels(pair.from, pair.to);
    const parts: string[] = [format === "csv" ? (bom === "1" ? UTF8_BOM : "") + csvLine(CHANGES_CSV_HEADER) : ""];
    let after;
    for (;;) {
      const page = await repo.page({ from: pair.from, to: pair.to, kind: view.kinds.length === 1 ? view.kinds[0] : undefined, limit: CHANGES_MAX_LIMIT, after });
      const shown = page.changes.filter((c) => matchesView(c, view, labels));
      rows += shown.length;
      if (rows > MAX_ROWS) return refuse(413, "too_many_rows", `This view holds more than ${MAX_ROWS.toLocaleString("en-US")} changes; narrow it (a kind, an organization) and download again.`);
      if (format === "csv") parts.push(csvRows(shown.map((c) => csvRow(c, labels))));
      else for (const c of shown) parts.push(JSON.stringify({ ...c, widens_access: widensAccess(c, labels), summary: describeChange(c, labels) }) + "\n");
      if (!page.next || request.signal.aborted) break;
      after = page.next;
    }
    if (request.signal.aborted) return jsonError(499, "cancelled", "The download was cancelled.");
    text = parts.join("");
  } catch (err) {
    return errorResponse(err);
  }

  const body = new TextEncoder().encode(text);
  const sha256 = createHash("sha256").update(body).digest("hex");
  const filters: Record<string, unknown> = { from: pair.from.id, to: pair.to.id, ...view };
  try {
    await audit.append({ actor: officer.name, action: "export", target, filters, rows, bytes: body.length, sha256, outcome: "completed", sync_id: pair.to.id, detail: `changes from ${pair.from.id} to ${pair.to.id}` });
  } catch (err) {
    return auditUnavailableResponse(err);
  }
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": format === "csv" ? CSV_CONTENT_TYPE : NDJSON_CONTENT_TYPE,
      "content-disposition": `attachment; filename="${viewFileBase(pair.from.id, pair.to.id, view)}.${format}"`,
      "content-length": String(body.length),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-content-sha256": sha256,
    },
  });
}
