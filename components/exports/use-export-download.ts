"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ApiError } from "@/lib/browser/query/api-error";
import { auditKeys } from "@/lib/browser/query/keys";
import { saveBlob } from "@/lib/browser/query/request";
import { useCancellableMutation } from "@/lib/browser/query/use-cancellable-mutation";
import { fetchExport, type ExportFormat, type ExportOutcome, type ExportProgress } from "./fetch-export";

/*
 * One export's download as a mutation. Progress is published at most every 150 ms (a large
 * export delivers thousands of chunks a second; re-rendering for each would cost more than the
 * download). Starting another or leaving the page cancels a running download.
 */

export type DownloadState =
  | { status: "idle" }
  | ({ status: "running"; startedAt: number } & ExportProgress)
  | ({ status: "saved"; filename: string; seconds: number } & ExportProgress)
  | { status: "refused"; error: ApiError }
  | ({ status: "incomplete" } & ExportProgress)
  | ({ status: "cancelled" } & ExportProgress);

const PUBLISH_EVERY_MS = 150;

function finished(out: ExportOutcome, seconds: number): DownloadState {
  switch (out.kind) {
    case "complete":
      return { status: "saved", filename: out.filename, rows: out.rows, bytes: out.bytes, seconds };
    case "refused":
      return { status: "refused", error: out.error };
    case "incomplete":
    case "cancelled":
      return { status: out.kind, rows: out.rows, bytes: out.bytes };
  }
}

export function useExportDownload(format: ExportFormat) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<{ startedAt: number } & ExportProgress>({ startedAt: 0, rows: 0, bytes: 0 });
  const download = useCancellableMutation(
    async (href: string, signal) => {
      const startedAt = Date.now();
      let publishedAt = 0;
      setProgress({ startedAt, rows: 0, bytes: 0 });
      const out = await fetchExport(href, {
        format,
        signal,
        onProgress: (p) => {
          const now = Date.now();
          if (now - publishedAt < PUBLISH_EVERY_MS || signal.aborted) return;
          publishedAt = now;
          setProgress({ startedAt, ...p });
        },
      });
      if (out.kind === "complete" && !signal.aborted) saveBlob(out.blob, out.filename);
      return finished(out, Math.round((Date.now() - startedAt) / 1000));
    },
    // Every export the server ran (or refused) is in the audit log now.
    { onSettled: () => void queryClient.invalidateQueries({ queryKey: auditKeys.all }) },
  );

  const state: DownloadState = download.isPending ? { status: "running", ...progress } : (download.data ?? { status: "idle" });
  return { state, start: download.mutate, cancel: download.cancel };
}
