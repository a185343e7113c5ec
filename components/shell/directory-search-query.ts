import { queryOptions } from "@tanstack/react-query";
import { searchAnswerSchema, type SearchResult } from "@/lib/shared/directory/search-wire";
import { viewAsOfParams } from "@/lib/browser/query/as-of";
import { directoryKeys } from "@/lib/browser/query/keys";
import { fetchJson } from "@/lib/browser/query/request";
import { groupHref, organizationHref, personHref, roleHref } from "@/components/people/links";

/* The header search as a query (one key per query text and sync), and where each result leads. */

export const directorySearchQuery = (q: string) => {
  const asOf = viewAsOfParams();
  return queryOptions({
    queryKey: directoryKeys.search(q),
    queryFn: ({ signal }) => fetchJson("/api/directory/search", searchAnswerSchema, { signal, query: { q, ...asOf } }),
    staleTime: 60_000,
    retry: false,
  });
};

export function searchResultHref(r: SearchResult): string {
  switch (r.kind) {
    case "person":
      return personHref(r.id);
    case "organization":
      return organizationHref(r.id);
    case "group":
      return groupHref(r.id);
    case "role":
      return roleHref(r.organization_uuid ?? "", r.id);
  }
}
