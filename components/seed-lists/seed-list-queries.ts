import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";
import { seedListDetailSchema, seedListIndexSchema } from "@/lib/seed-lists/schema";

/* The saved seed lists as TanStack queries: keys and paths defined once. */

const enc = encodeURIComponent;

export const seedListKeys = {
  all: ["seed-lists"] as const,
  index: () => ["seed-lists", "index"] as const,
  detail: (id: string, resolution?: number, against?: number) => ["seed-lists", "detail", id, { resolution, against }] as const,
};

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
