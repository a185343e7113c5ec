import type { z } from "zod";
import { appErrorBodySchema } from "@/lib/compliance/schemas";
import { ApiError, isAbortError } from "./api-error";
import { redirectToLogin } from "./login-redirect";
import { refreshHeaders } from "@/lib/http/refresh";
import { noteDirectoryHeaders } from "./shown-sync";

/*
 * The browser's one road to data: a GET on the app's own routes, the body parsed with the record
 * schema, every failure an ApiError. Nothing in the browser calls fetch on data routes elsewhere.
 */

export type QueryParams = Record<string, string | number | undefined>;

export interface FetchJsonOptions {
  signal?: AbortSignal;
  query?: QueryParams;
  /** Ask the server to bypass its cache (the Refresh button). */
  fresh?: boolean;
}

export function withQuery(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function fetchJson<S extends z.ZodType>(path: string, schema: S, opts: FetchJsonOptions = {}): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: "application/json", ...refreshHeaders(opts.fresh) };

  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { signal: opts.signal, headers, credentials: "same-origin" });
  } catch (e) {
    if (isAbortError(e) || opts.signal?.aborted) throw e;
    throw new ApiError({
      type: "network",
      status: 0,
      message: "No answer from the dashboard server. Check your network connection, then retry.",
    });
  }

  const headerRequestId = res.headers.get("request-id") ?? undefined;
  let body: unknown;
  try {
    body = await res.json();
  } catch (e) {
    if (isAbortError(e) || opts.signal?.aborted) throw e;
    body = undefined;
  }

  if (!res.ok) {
    if (res.status === 401) redirectToLogin();
    const parsed = appErrorBodySchema.safeParse(body);
    if (parsed.success) {
      const { type, message, upstream_status, request_id } = parsed.data.error;
      throw new ApiError({ type, message, status: res.status, upstreamStatus: upstream_status, requestId: request_id ?? headerRequestId });
    }
    throw new ApiError({
      type: res.status === 401 ? "authentication_required" : "http_error",
      status: res.status,
      requestId: headerRequestId,
      message:
        res.status === 401
          ? "Your session has ended. Log in again."
          : `The dashboard server answered HTTP ${res.status} without an explanation. Retry; if it persists, check the server log.`,
    });
  }

  const parsed = schema.safeParse(body);
  if (parsed.success) noteDirectoryHeaders(res.headers);
  if (!parsed.success) {
    throw new ApiError({
      type: "malformed_response",
      status: res.status,
      requestId: headerRequestId,
      message: `The answer from ${path} does not have the expected shape (${parsed.error.issues[0]?.path.join(".") || "body"}: ${parsed.error.issues[0]?.message ?? "invalid"}). Retry; if it persists, report it with the time.`,
    });
  }
  return parsed.data;
}
