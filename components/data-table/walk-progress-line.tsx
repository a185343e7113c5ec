"use client";

import { formatCount } from "@/lib/browser/format/numbers";
import type { Walk } from "@/lib/browser/query/use-walk";
import { ErrorNotice } from "./error-notice";
import type { Noun } from "./data-table-counts";

/*
 * Where a whole-list walk stands: "3,000 of ? loaded · 3 pages", with Cancel; after a cancel or an
 * error, how far it got and a way to continue from there. Nothing here ever calls partial complete.
 */
export function WalkProgressLine<T>({ walk, noun }: { walk: Walk<T>; noun: Noun }) {
  const pages = `${formatCount(walk.pages)} ${walk.pages === 1 ? "page" : "pages"}`;
  switch (walk.status) {
    case "idle":
      return null;
    case "loading":
    case "partial":
      return (
        <div role="status" className="flex items-center gap-2 text-xs text-slate-700">
          <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-brand-600" aria-hidden="true" />
          <span>
            Loading {noun.other}: <strong className="tabular-nums">{formatCount(walk.loaded)}</strong> of ? loaded
            {walk.pages > 0 ? ` · ${pages}` : ""} (1,000 per page, at the API&apos;s shared rate)
          </span>
          <button type="button" onClick={walk.cancel} className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-50">
            Cancel
          </button>
        </div>
      );
    case "cancelled":
      return (
        <div role="status" className="flex items-center gap-2 rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900">
          <span>
            Stopped after {formatCount(walk.loaded)} {noun.other} ({pages}). <strong>This list is incomplete</strong>: filters, counts and exports cover only
            these rows.
          </span>
          <button type="button" onClick={walk.resume} className="rounded border border-amber-300 bg-white px-2 py-0.5 font-medium hover:bg-amber-100">
            Continue loading
          </button>
        </div>
      );
    case "error":
      return walk.error ? (
        <ErrorNotice error={walk.error} onRetry={walk.resume} retryLabel={walk.pages > 0 ? `Retry from page ${walk.pages + 1}` : "Retry"} compact>
          {walk.loaded > 0 && (
            <p className="mt-0.5">
              {formatCount(walk.loaded)} {noun.other} had loaded ({pages}); <strong>the list is incomplete</strong>.
            </p>
          )}
        </ErrorNotice>
      ) : null;
    case "complete":
      if (walk.refreshing)
        return (
          <div role="status" className="text-xs text-slate-600">
            Refreshing: {formatCount(walk.loaded)} {noun.other} fetched again so far; showing the previous complete list meanwhile.
          </div>
        );
      return walk.error ? (
        <ErrorNotice error={walk.error} onRetry={walk.resume} compact>
          <p className="mt-0.5">The refresh failed; the list shown is the previous complete one.</p>
        </ErrorNotice>
      ) : null;
  }
}
