import type { z } from "zod";
import { refreshHeaders } from "@/lib/shared/refresh-header";
import { ApiError, apiErrorFromAnswer, isAbortError, networkError } from "./api-error";
import { redirectToLogin } from "./login-redirect";
import { noteDirectoryHeaders } from "./shown-sync";

/*
 * The browser's one road to the app's routes: every request from a page goes through `request`
 * here, whatever it reads (JSON, an NDJSON stream, a file). One error normalisation (ApiError), a
 * 401 sends the officer to log in, and the Refresh button's header rides along. Nothing else in
 * the browser calls fetch.
 */

export type QueryParams = Record<string, string | number | undefined>;

export interface RequestOptions {
  method?: "GET" | "POST" | "DELETE";
  /** Sent as JSON. */
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
  /** Ask the server to bypass its cache (the Refresh button). */
  fresh?: boolean;
  accept?: string;
}

export function withQuery(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Sends the request; resolves to any answer, throws an ApiError only when none came (or the AbortError). */
export async function send(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = opts.method ?? "GET";
  const headers: Record<string, string> = { ...refreshHeaders(opts.fresh) };
  if (opts.accept) headers.accept = opts.accept;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  try {
    return await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: "same-origin",
      // Data reads (which say what they accept) may use the browser's cache rules; writes and files never.
      cache: method === "GET" && opts.accept ? undefined : "no-store",
      signal: opts.signal,
    });
  } catch (e) {
    if (isAbortError(e) || opts.signal?.aborted) throw e;
    throw networkError();
  }
}

async function readJsonBody(res: Response, signal: AbortSignal | undefined): Promise<unknown> {
  try {
    return await res.json();
  } catch (e) {
    if (isAbortError(e) || signal?.aborted) throw e;
    return undefined;
  }
}

/** An answered request: resolves to a 2xx Response; anything else throws its ApiError (a 401 first sends the officer to log in). */
export async function request(path: string, opts: RequestOptions = {}): Promise<Response> {
  const res = await send(path, opts);
  if (res.ok) return res;
  if (res.status === 401) redirectToLogin();
  throw apiErrorFromAnswer(res.status, await readJsonBody(res, opts.signal), res.headers.get("request-id") ?? undefined);
}

/** A JSON answer parsed with its schema (GET unless `method` says otherwise). */
export async function fetchJson<S extends z.ZodType>(path: string, schema: S, opts: RequestOptions = {}): Promise<z.output<S>> {
  const res = await request(path, { ...opts, accept: "application/json" });
  const body = await readJsonBody(res, opts.signal);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      type: "malformed_response",
      status: res.status,
      requestId: res.headers.get("request-id") ?? undefined,
      message: `The answer from ${path} does not have the expected shape (${parsed.error.issues[0]?.path.join(".") || "body"}: ${parsed.error.issues[0]?.message ?? "invalid"}). Retry; if it persists, report it with the time.`,
    });
  }
  noteDirectoryHeaders(res.headers);
  return parsed.data;
}

/** POSTs `body` as JSON and parses the answer with its schema. */
export const postJson = <S extends z.ZodType>(path: string, body: unknown, schema: S, opts: Omit<RequestOptions, "method" | "body"> = {}) =>
  fetchJson(path, schema, { ...opts, method: "POST", body });

/**
 * One of the app's NDJSON routes, line by line, each line parsed with its schema. An error answer
 * before the stream, a line that cannot be read, or a stream that breaks off: an ApiError.
 */
export async function readNdjson<S extends z.ZodType>(path: string, lineSchema: S, onLine: (line: z.output<S>) => void, opts: RequestOptions = {}): Promise<void> {
  const res = await request(path, { ...opts, accept: "application/x-ndjson" });
  if (!res.body) throw apiErrorFromAnswer(res.status, undefined);
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
    throw networkError("The connection to the dashboard server broke while the directory was loading. Retry.");
  } finally {
    reader.releaseLock();
  }
}

/** The filename from `Content-Disposition: attachment; filename="users-2026-05-01.csv"`. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  const m = header ? (/filename="([^"]+)"/i.exec(header) ?? /filename=([^;]+)/i.exec(header)) : null;
  const name = m?.[1]?.trim();
  // Never let a header choose a path.
  return name && !/[\\/]/.test(name) ? name : fallback;
}

/** Offers a file to the officer. Call from the browser only. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Some browsers start the download after click() returns; revoke once it has begun.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file the server builds (a POSTed table or reconciliation), saved under the server's name; resolves to that name. */
export async function downloadFile(path: string, fallbackName: string, opts: RequestOptions = {}): Promise<string> {
  const res = await request(path, opts);
  const blob = await res.blob();
  const name = filenameFromDisposition(res.headers.get("content-disposition"), fallbackName);
  saveBlob(blob, name);
  return name;
}

/** POSTs `body` as JSON and saves the file the server answers with. */
export const postForFile = (path: string, body: unknown, fallbackName: string) => downloadFile(path, fallbackName, { method: "POST", body });
