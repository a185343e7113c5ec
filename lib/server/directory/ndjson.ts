import "server-only";
import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import type { LoadDirectoryOptions } from "./snapshot";
import type { Directory, DirectoryProgress } from "@/lib/shared/directory/types";

/*
 * Streaming a directory load to the browser as NDJSON: progress lines while the walk runs, then
 * whatever the route makes of the finished snapshot. Progress is coalesced to the newest one the
 * reader has not taken yet, so a slow reader gets fewer lines, never a growing backlog.
 */

export type Line = Record<string, unknown> & { type: string };

export type LoadFn = (opts: LoadDirectoryOptions) => Promise<Directory>;

/**
 * Yields `{"type":"progress",...}` lines until the load settles, then returns the directory.
 * A failed load throws (the caller turns it into an error line).
 */
export async function* progressUntilLoaded(
  load: LoadFn,
  opts: { signal: AbortSignal; fresh: boolean },
): AsyncGenerator<Line, Directory, undefined> {
  let pending: DirectoryProgress | undefined;
  let wake: (() => void) | undefined;
  let outcome: { ok: true; directory: Directory } | { ok: false; error: unknown } | undefined;

  load({
    signal: opts.signal,
    fresh: opts.fresh,
    onProgress: (p) => {
      pending = p;
      wake?.();
    },
  }).then(
    (directory) => {
      outcome = { ok: true, directory };
      wake?.();
    },
    (error: unknown) => {
      outcome = { ok: false, error };
      wake?.();
    },
  );

  for (;;) {
    if (pending && !outcome) {
      const p = pending;
      pending = undefined;
      yield { type: "progress", ...p };
      continue;
    }
    if (outcome) {
      if (outcome.ok) return outcome.directory;
      throw outcome.error;
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
      if (pending || outcome) resolve();
    });
    wake = undefined;
  }
}

const encoder = new TextEncoder();

/** Error lines that, arriving before anything was sent, are the answer's status instead (the database is down). */
const STATUS_OF_FIRST_ERROR: Record<string, number> = { store_unavailable: 503, audit_unavailable: 503 };

/**
 * An NDJSON response pulled line by line from `lines`; `onCancel` runs when the reader goes away.
 * The first line is awaited before the answer starts: when it is already a store failure, nothing
 * has been sent, so the answer is a plain 503 in the error shape (with retry-after) rather than a
 * 200 whose only line is an error. Later failures can only be error lines: the status is gone.
 */
export async function ndjsonResponse(lines: AsyncGenerator<Line, unknown, undefined>, onCancel: () => void): Promise<Response> {
  let first: IteratorResult<Line, unknown>;
  try {
    first = await lines.next();
  } catch (err) {
    return errorResponse(err);
  }
  if (!first.done && first.value.type === "error") {
    const error = first.value.error as { type?: unknown; message?: unknown } | undefined;
    const status = typeof error?.type === "string" ? STATUS_OF_FIRST_ERROR[error.type] : undefined;
    if (status && typeof error?.message === "string") {
      await lines.return(undefined).catch(() => {});
      return jsonError(status, error.type as string, error.message, { headers: { "retry-after": "30" } });
    }
  }
  let pending: IteratorResult<Line, unknown> | undefined = first;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending) {
        const next = pending;
        pending = undefined;
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(JSON.stringify(next.value) + "\n"));
        return;
      }
      try {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(JSON.stringify(next.value) + "\n"));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      onCancel();
      await lines.return(undefined).catch(() => {});
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "private, no-store",
      // Proxies that buffer would hold progress lines back until the end.
      "x-accel-buffering": "no",
    },
  });
}

/** An AbortController that also aborts when `signal` (the request's) does. */
export function linkedController(signal: AbortSignal): AbortController {
  const ctrl = new AbortController();
  if (signal.aborted) ctrl.abort(signal.reason);
  else signal.addEventListener("abort", () => ctrl.abort(signal.reason), { once: true });
  return ctrl;
}

/** The Refresh button's header (lib/server/http/refresh.ts): rebuild rather than serve the snapshot. */
export { wantsFresh } from "@/lib/server/http/refresh";
