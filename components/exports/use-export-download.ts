"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiError } from "@/lib/query/api-error";
import { redirectToLogin } from "@/lib/query/login-redirect";
import { fetchExport, saveBlob, type ExportFormat, type ExportProgress } from "./fetch-export";

/*
 * One export's download as component state. Progress is published at most every 150 ms (a large
 * export delivers thousands of chunks a second; re-rendering for each would cost more than the
 * download). Leaving the page cancels a running download.
 */

export type DownloadState =
  | { status: "idle" }
  | ({ status: "running"; startedAt: number } & ExportProgress)
  | ({ status: "saved"; filename: string; seconds: number } & ExportProgress)
  | { status: "refused"; error: ApiError }
  | ({ status: "incomplete" } & ExportProgress)
  | ({ status: "cancelled" } & ExportProgress);

const PUBLISH_EVERY_MS = 150;

export function useExportDownload(format: ExportFormat) {
  const [state, setState] = useState<DownloadState>({ status: "idle" });
  const controller = useRef<AbortController | null>(null);
  const queryClient = useQueryClient();

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async (href: string) => {
      controller.current?.abort();
      const ctl = new AbortController();
      controller.current = ctl;
      const startedAt = Date.now();
      let publishedAt = 0;
      setState({ status: "running", startedAt, rows: 0, bytes: 0 });
      const out = await fetchExport(href, {
        format,
        signal: ctl.signal,
        onUnauthenticated: redirectToLogin,
        onProgress: (p) => {
          const now = Date.now();
          if (now - publishedAt < PUBLISH_EVERY_MS) return;
          publishedAt = now;
          if (controller.current === ctl) setState({ status: "running", startedAt, ...p });
        },
      });
      if (controller.current !== ctl) return; // a newer download replaced this one
      controller.current = null;
      // Every export the server ran (or refused) is in the audit log now.
      void queryClient.invalidateQueries({ queryKey: ["audit"] });
      switch (out.kind) {
        case "complete":
          saveBlob(out.blob, out.filename);
          setState({ status: "saved", filename: out.filename, rows: out.rows, bytes: out.bytes, seconds: Math.round((Date.now() - startedAt) / 1000) });
          return;
        case "refused":
          setState({ status: "refused", error: out.error });
          return;
        case "incomplete":
        case "cancelled":
          setState({ status: out.kind, rows: out.rows, bytes: out.bytes });
          return;
      }
    },
    [format, queryClient],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  return { state, start, cancel };
}
