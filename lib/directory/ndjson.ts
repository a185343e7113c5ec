import "server-only";
import type { LoadDirectoryOptions } from "./snapshot";
import type { Directory, DirectoryProgress } from "./types";

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

/** An NDJSON response pulled line by line from `lines`; `onCancel` runs when the reader goes away. */
export function ndjsonResponse(lines: AsyncGenerator<Line, unknown, undefined>, onCancel: () => void): Response {
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
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

/** The Refresh button's header (lib/http/refresh.ts): rebuild rather than serve the snapshot. */
export { wantsFresh } from "@/lib/http/refresh";
