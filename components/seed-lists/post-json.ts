import type { z } from "zod";
import { appErrorBodySchema } from "@/lib/compliance/schemas";
import { ApiError, isAbortError } from "@/lib/query/api-error";
import { redirectToLogin } from "@/lib/query/login-redirect";

/*
 * The POST twin of lib/query's fetchJson for the seed-list and reconciliation routes: a JSON body
 * out, the answer parsed with its schema, every failure an ApiError carrying the server's message
 * (which says what is wrong with a file or a list).
 */

export async function postJson<S extends z.ZodType>(path: string, body: unknown, schema: S, opts: { signal?: AbortSignal } = {}): Promise<z.output<S>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
      signal: opts.signal,
    });
  } catch (e) {
    if (isAbortError(e) || opts.signal?.aborted) throw e;
    throw new ApiError({ type: "network", status: 0, message: "No answer from the dashboard server. Check your network connection, then retry." });
  }
  const requestId = res.headers.get("request-id") ?? undefined;
  let json: unknown;
  try {
    json = await res.json();
  } catch (e) {
    if (isAbortError(e) || opts.signal?.aborted) throw e;
    json = undefined;
  }
  if (!res.ok) {
    if (res.status === 401) redirectToLogin();
    const parsed = appErrorBodySchema.safeParse(json);
    if (parsed.success) {
      const { type, message, upstream_status, request_id } = parsed.data.error;
      throw new ApiError({ type, message, status: res.status, upstreamStatus: upstream_status, requestId: request_id ?? requestId });
    }
    throw new ApiError({ type: "http_error", status: res.status, requestId, message: `The dashboard server answered HTTP ${res.status} without an explanation. Retry; if it persists, check the server log.` });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({ type: "malformed_response", status: res.status, requestId, message: `The answer from ${path} does not have the expected shape. Retry; if it persists, report it with the time.` });
  }
  return parsed.data;
}
