import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";
import { runComparisonResponseSchema, savedReconciliationDetailSchema, savedReconciliationListSchema } from "@/lib/reconciliation/saved-schema";

/* Saved reconciliations as TanStack queries: keys and paths defined once. */

const enc = encodeURIComponent;

export const savedReconciliationKeys = {
  all: ["reconciliations"] as const,
  index: () => ["reconciliations", "index"] as const,
  detail: (id: string, run?: number) => ["reconciliations", "detail", id, { run }] as const,
  compare: (id: string, a?: number, b?: number) => ["reconciliations", "compare", id, { a, b }] as const,
};

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
