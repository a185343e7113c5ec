import { SyncNotFoundError, isStoreUnavailable, storeUnavailableMessage } from "@/lib/server/store/errors";
import { isUpstreamError, type UpstreamError, type UpstreamErrorKind } from "@/lib/server/upstream/errors";

/*
 * Every error this app answers, from any route, has one shape (CONTRACT.md):
 *   {"error":{"type","message","upstream_status"?,"request_id"?}}
 * `message` is written for an officer: what happened and what to do. Never a stack trace, never
 * the key, never an upstream body verbatim (it could echo what we sent).
 */

export interface ErrorExtra {
  upstream_status?: number;
  request_id?: string;
  headers?: Record<string, string>;
}

export function jsonError(status: number, type: string, message: string, extra: ErrorExtra = {}): Response {
  const error: Record<string, unknown> = { type, message };
  if (extra.upstream_status !== undefined) error.upstream_status = extra.upstream_status;
  if (extra.request_id) error.request_id = extra.request_id;
  return Response.json(
    { error },
    { status, headers: { "cache-control": "no-store", ...(extra.headers ?? {}) } },
  );
}

/** The status this app answers with for each upstream failure: the officer's view, not the upstream's. */
const STATUS_FOR_KIND: Record<UpstreamErrorKind, number> = {
  bad_request: 502,
  authentication: 502,
  permission: 502,
  not_found: 404,
  rate_limited: 503,
  org_cap: 502,
  server: 502,
  timeout: 504,
  network: 502,
  malformed: 502,
  pagination: 502,
  cancelled: 499,
};

export function upstreamErrorResponse(err: UpstreamError): Response {
  const status = STATUS_FOR_KIND[err.kind] ?? 502;
  const message = err.requestId ? `${err.message} (request-id ${err.requestId})` : err.message;
  return jsonError(status, `upstream_${err.kind}`, message, {
    upstream_status: err.status,
    request_id: err.requestId,
  });
}

/** The last resort of every route handler: known errors keep their meaning, the rest say little. */
export function errorResponse(err: unknown): Response {
  if (isUpstreamError(err)) return upstreamErrorResponse(err);
  if (err instanceof Response) return err;
  if (err instanceof SyncNotFoundError) return jsonError(404, "sync_not_found", err.message);
  if (isStoreUnavailable(err)) {
    // The cause (a path, a host) is for the server log; the officer gets what to do.
    console.error("data store unavailable:", err.message);
    return jsonError(503, "store_unavailable", storeUnavailableMessage(err), { headers: { "retry-after": "30" } });
  }
  console.error("unexpected error in route:", err instanceof Error ? err.name + ": " + err.message : "unknown");
  return jsonError(500, "internal_error", "Something went wrong inside the dashboard. Try again; if it persists, check the server log.");
}
