import { queryOptions } from "@tanstack/react-query";
import { savedReconciliationKeys } from "@/lib/browser/query/keys";
import { fetchJson } from "@/lib/browser/query/request";
import { runComparisonResponseSchema, savedReconciliationDetailSchema, savedReconciliationListSchema } from "@/lib/shared/reconciliation/saved-schema";

/* Saved reconciliations as TanStack queries: paths defined once (keys: lib/browser/query/keys.ts). */

const enc = encodeURIComponent;

export const savedReconciliationsQuery = () =>
  queryOptions({
    queryKey: savedReconciliationKeys.index(),
    queryFn: ({ signal }) => fetchJson("/api/reconciliations", savedReconciliationListSchema, { signal }),
  });

export const savedReconciliationQuery = (id: string, run?: number) =>
  queryOptions({
    queryKey: savedReconciliationKeys.detail(id, run),
    queryFn: ({ signal }) => fetchJson(`/api/reconciliations/${enc(id)}`, savedReconciliationDetailSchema, { signal, query: { run } }),
    retry: false,
  });

export const runComparisonQuery = (id: string, a?: number, b?: number) =>
  queryOptions({
    queryKey: savedReconciliationKeys.compare(id, a, b),
    queryFn: ({ signal }) => fetchJson(`/api/reconciliations/${enc(id)}/compare`, runComparisonResponseSchema, { signal, query: { a, b } }),
    retry: false,
  });

export const savedReconciliationHref = (id: string, run?: number) => `/reconciliation/${enc(id)}${run ? `?run=${run}` : ""}`;
