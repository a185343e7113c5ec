"use client";

import { queryOptions } from "@tanstack/react-query";
import { changesPageSchema, changesSummarySchema } from "@/lib/shared/changes/changes-wire";
import { historyAnswerSchema } from "@/lib/shared/changes/history";
import { syncKeys } from "@/lib/browser/query/keys";
import { fetchJson } from "@/lib/browser/query/request";

/* The Changes page's and the History sections' data, each from its route (never upstream). */

export type { ChangesSummary } from "@/lib/shared/changes/changes-wire";

export const changesSummaryQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: syncKeys.changesSummary(from, to),
    queryFn: ({ signal }) => fetchJson("/api/directory/changes/summary", changesSummarySchema, { signal, query: { from, to } }),
    staleTime: Infinity,
  });

/** One page of changes; syncs never change once complete, so a page is never stale. */
export const changesPageFetch = (from: string, to: string, cursor: string | undefined, signal: AbortSignal) =>
  fetchJson("/api/directory/changes", changesPageSchema, { signal, query: { from, to, limit: 5000, cursor } });

export type HistorySubject = { kind: "person"; userId: string } | { kind: "group"; groupId: string } | { kind: "role"; orgUuid: string; roleId: string } | { kind: "settings"; orgUuid: string };

export function historyPath(s: HistorySubject): string {
  const e = encodeURIComponent;
  switch (s.kind) {
    case "person":
      return `/api/directory/history/person/${e(s.userId)}`;
    case "group":
      return `/api/directory/history/group/${e(s.groupId)}`;
    case "role":
      return `/api/directory/history/role/${e(s.orgUuid)}/${e(s.roleId)}`;
    case "settings":
      return `/api/directory/history/settings/${e(s.orgUuid)}`;
  }
}

export const historyQuery = (s: HistorySubject) =>
  queryOptions({ queryKey: syncKeys.history(historyPath(s)), queryFn: ({ signal }) => fetchJson(historyPath(s), historyAnswerSchema, { signal }), staleTime: 60_000 });
