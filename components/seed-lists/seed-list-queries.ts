import { queryOptions } from "@tanstack/react-query";
import { seedListKeys } from "@/lib/browser/query/keys";
import { fetchJson } from "@/lib/browser/query/request";
import { seedListDetailSchema, seedListIndexSchema } from "@/lib/shared/seed-lists/schema";

/* The saved seed lists as TanStack queries: paths defined once (keys: lib/browser/query/keys.ts). */

const enc = encodeURIComponent;

export const seedListIndexQuery = () =>
  queryOptions({
    queryKey: seedListKeys.index(),
    queryFn: ({ signal }) => fetchJson("/api/seed-lists", seedListIndexSchema, { signal }),
  });

export const seedListDetailQuery = (id: string, resolution?: number, against?: number) =>
  queryOptions({
    queryKey: seedListKeys.detail(id, resolution, against),
    queryFn: ({ signal }) => fetchJson(`/api/seed-lists/${enc(id)}`, seedListDetailSchema, { signal, query: { resolution, against } }),
    retry: false,
  });

export const seedListDownloadHref = (id: string, format: "csv" | "txt" | "json", resolution?: number) =>
  `/api/seed-lists/${enc(id)}/download?format=${format}${resolution ? `&resolution=${resolution}` : ""}`;
