"use client";

import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { changeLabelsSchema, changeSchema, CHANGE_KINDS } from "@/lib/changes/change";
import { historyAnswerSchema } from "@/lib/changes/history";
import { syncListSchema, syncSchema } from "@/lib/sync/wire";
import { fetchJson } from "@/lib/query/fetch-json";

/* The Changes page's and the History sections' data, each from its route (never upstream). */

export const countsSchema = z.partialRecord(z.enum(CHANGE_KINDS), z.number());

export const changesSummarySchema = z.object({
  from: syncSchema,
  to: syncSchema,
  total: z.number(),
  counts: countsSchema,
  organizations: z.array(z.object({ organization_uuid: z.string(), name: z.string(), counts: countsSchema })),
  labels: changeLabelsSchema,
});
export type ChangesSummary = z.infer<typeof changesSummarySchema>;

export const changesPageSchema = z.object({ from: syncSchema, to: syncSchema, changes: z.array(changeSchema), next_cursor: z.string().nullable() });

export const syncsQuery = () =>
  queryOptions({ queryKey: ["syncs"], queryFn: ({ signal }) => fetchJson("/api/syncs", syncListSchema, { signal }), staleTime: 30_000 });

export const changesSummaryQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: ["changes-summary", from, to],
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
  queryOptions({ queryKey: ["history", historyPath(s)], queryFn: ({ signal }) => fetchJson(historyPath(s), historyAnswerSchema, { signal }), staleTime: 60_000 });
