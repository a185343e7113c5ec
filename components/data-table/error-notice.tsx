"use client";

import { errorHeadline, type ApiError } from "@/lib/browser/query/api-error";
import { CopyButton } from "./copy-button";

/**
 * An error as an officer needs it: what happened, what to do (the server's message), and the
 * request id to quote to support.
 */
export function ErrorNotice({
  error,
  onRetry,
  retryLabel = "Retry",
  children,
  compact = false,
}: {
  error: ApiError;
  onRetry?: () => void;
  retryLabel?: string;
  children?: React.ReactNode;
  compact?: boolean;
}) {
  return (
    <div role="alert" className={`rounded border border-red-200 bg-red-50 text-red-900 ${compact ? "px-2 py-1 text-xs" : "p-3 text-sm"}`}>
      <p className="font-medium">{errorHeadline(error)}</p>
      <p className="mt-0.5 text-red-800">{error.message}</p>
      {children}
      <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-red-800">
        {error.requestId && (
          <span className="inline-flex items-center gap-1">
            Request id <code className="font-mono">{error.requestId}</code>
            <CopyButton value={error.requestId} label="request id" />
          </span>
        )}
        {error.status > 0 && <span>HTTP {error.status}{error.upstreamStatus ? ` (upstream ${error.upstreamStatus})` : ""}</span>}
        {onRetry && (
          <button type="button" onClick={onRetry} className="rounded border border-red-300 bg-white px-2 py-0.5 font-medium text-red-900 hover:bg-red-100">
            {retryLabel}
          </button>
        )}
      </div>
    </div>
  );
}
