import "server-only";
import type { ComplianceRequest, PageQuery } from "@/lib/shared/compliance/endpoints";
import { MAX_LIMIT } from "@/lib/shared/compliance/ids";
import { encodePageToken, readPageToken } from "@/lib/server/directory/page-token";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import { storeRecords } from "@/lib/server/directory/store-records";
import type { Directory } from "@/lib/shared/directory/types";
import { takeAsOf } from "@/lib/server/http/as-of";
import { proxyToUpstream } from "@/lib/server/http/compliance-proxy";
import { parseComplianceRequest } from "@/lib/server/http/compliance-request";
import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import { requireSession } from "@/lib/server/session/session";
import { store } from "@/lib/server/store/instance";
import { syncRepository } from "@/lib/server/store/syncs";

/*
 * GET /api/directory/<upstream path>: the upstream's answers, read from the newest complete sync
 * (or the one `as_of` names) in memory, in the upstream's shape `{data, has_more, next_page}` with
 * `page` tokens bound to that sync. The same checks as the proxy run first, so bad input never
 * reaches the store or the upstream. Until the first sync is complete the live proxy answers
 * instead (`x-directory-source: live`), so pages fill in while it runs.
 */

const listKey = (req: ComplianceRequest, segments: readonly string[]) =>
  req.endpoint === "groups" && req.query.name_prefix !== undefined ? `${segments.join("/")}?${req.query.name_prefix}` : segments.join("/");

/** The headers of an answer read from a sync: the page's header says "as of" from them (lib/browser/query/shown-sync.ts). */
export function syncHeaders(directory: Directory): Record<string, string> {
  return {
    "cache-control": "private, no-store",
    "x-directory-source": "store",
    ...(directory.sync ? { "x-directory-sync": directory.sync.id, "x-directory-as-of": directory.sync.finishedAt } : {}),
  };
}

type ListAnswer =
  | { ok: true; page: { data: unknown[]; has_more: boolean; next_page: string | null } }
  | { ok: true; record: unknown }
  | { ok: false; status: 400 | 404; type: string; message: string };

/** What this route answers for one request from one sync (also a page's first screen: lib/server/first-screen). */
export function readFromDirectory(directory: Directory, req: ComplianceRequest, segments: readonly string[]): ListAnswer {
  const found = storeRecords(directory, req);
  if (found.kind === "not_found") return { ok: false, status: 404, type: "not_found", message: found.message };
  if (found.kind === "record") return { ok: true, record: found.record };

  const query: PageQuery = req.query;
  const limit = query.limit ?? MAX_LIMIT;
  const list = listKey(req, segments);
  const sync = directory.sync?.id ?? `built-${directory.builtAt}`;
  let offset = 0;
  if (query.page !== undefined) {
    const token = readPageToken(query.page, { sync, list });
    if (!token.ok) {
      return token.reason === "other_list"
        ? { ok: false, status: 400, type: "invalid_request", message: "This page token belongs to another list; pass back the next_page of this list's previous answer." }
        : { ok: false, status: 400, type: "directory_changed", message: "The directory changed while you paged (or the page token is not one this route handed out); reload to read the newest sync from its first page." };
    }
    offset = token.offset;
  }
  const data = found.rows.slice(offset, offset + limit);
  const end = offset + data.length;
  const hasMore = end < found.rows.length;
  return { ok: true, page: { data, has_more: hasMore, next_page: hasMore ? encodePageToken({ sync, list, offset: end }) : null } };
}

function answer(directory: Directory, req: ComplianceRequest, segments: readonly string[]): Response {
  const read = readFromDirectory(directory, req, segments);
  const headers = syncHeaders(directory);
  if (!read.ok) return jsonError(read.status, read.type, read.message, { headers });
  return Response.json("page" in read ? read.page : read.record, { headers });
}

/** True when the store answers: a sync is named, or one is complete. Otherwise the live upstream answers, until the first sync completes. */
export async function storeAnswers(asOf: string | undefined): Promise<boolean> {
  return asOf !== undefined || (await syncRepository(await store()).newestComplete()) !== null;
}

export async function directoryRead(request: Request, segments: readonly string[]): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;

  const url = new URL(request.url);
  const params = new URLSearchParams(url.searchParams);
  const asOf = takeAsOf(params);
  if (!asOf.ok) return jsonError(400, "invalid_request", asOf.message);
  const parsed = parseComplianceRequest(segments, params);
  if (!parsed.ok) return jsonError(parsed.status, parsed.status === 404 ? "not_found" : "invalid_request", parsed.message);

  try {
    if (!(await storeAnswers(asOf.asOf))) {
      return proxyToUpstream(request, officer, parsed.request, `${segments.join("/")}?${params}`, { "x-directory-source": "live" });
    }
    const directory = await loadDirectory({ signal: request.signal, asOf: asOf.asOf });
    return answer(directory, parsed.request, segments);
  } catch (err) {
    return errorResponse(err);
  }
}
