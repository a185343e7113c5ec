import type { z } from "zod";
import { appErrorBodySchema } from "@/lib/compliance/schemas";
import { ApiError, isAbortError } from "@/lib/query/api-error";
import { redirectToLogin } from "@/lib/query/login-redirect";
import { refreshHeaders } from "@/lib/http/refresh";

/*
 * Reads one of the app's NDJSON routes line by line, each line parsed with its schema. The
 * directory routes stream (progress while the server walks, then the data) because a whole-tree
 * walk takes minutes at the shared rate and an officer should see it move. Errors become ApiError,
 * as from fetchJson: an error answer before the stream, an error line within it, or a stream that
 * stops early.
 */

export interface ReadNdjsonOptions {
  signal?: AbortSignal;
  /** Ask the server to rebuild rather than serve its snapshot (the Refresh button). */
  fresh?: boolean;
}

export async function readNdjson<S extends z.ZodType>(
  path: string,
  lineSchema: S,
  onLine: (line: z.output<S>) => void,
  opts: ReadNdjsonOptions = {},
): Promise<void> {
  const headers: Record<string, string> = { accept: "application/x-ndjson", ...refreshHeaders(opts.fresh) };
  let res: Response;
  try {
    res = await fetch(path, { signal: opts.signal, headers, credentials: "same-origin" });
  } catch (e) {
    if (isAbortError(e) || opts.signal?.aborted) throw e;
    throw new ApiError({ type: "network", status: 0, message: "No answer from the dashboard server. Check your network connection, then retry." });
  }

  if (!res.ok || !res.body) {
    if (res.status === 401) redirectToLogin();
    const parsed = appErrorBodySchema.safeParse(await res.json().catch(() => undefined));
    if (parsed.success) {
      const { type, message, upstream_status, request_id } = parsed.data.error;
      throw new ApiError({ type, message, status: res.status, upstreamStatus: upstream_status, requestId: request_id });
    }
    throw new ApiError({
      type: "http_error",
      status: res.status,
      message: `The dashboard server answered HTTP ${res.status} without an explanation. Retry; if it persists, check the server log.`,
    });
  }

  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const handle = (text: string) => {
    if (!text.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError({ type: "malformed_response", status: res.status, message: `A line from ${path} could not be read. Retry.` });
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError({
        type: "malformed_response",
        status: res.status,
        message: `A line from ${path} does not have the expected shape (${parsed.error.issues[0]?.path.join(".") || "line"}: ${parsed.error.issues[0]?.message ?? "invalid"}). Retry.`,
      });
    }
    onLine(parsed.data);
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        handle(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
      }
    }
    handle(buffer);
  } catch (e) {
    if (isAbortError(e) || opts.signal?.aborted) throw e;
    if (e instanceof ApiError) throw e;
    throw new ApiError({
      type: "network",
      status: 0,
      message: "The connection to the dashboard server broke while the directory was loading. Retry.",
    });
  } finally {
    reader.releaseLock();
  }
}

/** The error a line of `{"type":"error","error":{...}}` stands for. */
export function errorFromLine(error: z.infer<typeof appErrorBodySchema>["error"], status = 502): ApiError {
  return new ApiError({ type: error.type, message: error.message, status, upstreamStatus: error.upstream_status, requestId: error.request_id });
}
