import { hashKey, queryOptions } from "@tanstack/react-query";
import { viewAsOfParams } from "@/lib/browser/query/as-of";
import { directoryKeys } from "@/lib/browser/query/keys";
import { fetchJson, readNdjson, withQuery } from "@/lib/browser/query/request";
import { takeFreshFlag } from "@/lib/browser/query/refresh";
import { WALK_GC_MS, WALK_STALE_MS } from "@/lib/browser/query/walk-query";
import {
  directorySummarySchema,
  peopleStreamLineSchema,
  personStreamLineSchema,
  type CatalogLine,
  type DirectoryCountsWire,
  type PersonDetail,
  type PersonRow,
} from "@/lib/shared/directory/wire";
import { ApiError, apiErrorFromBody } from "@/lib/browser/query/api-error";
import { directoryProgress } from "./directory-progress";

/*
 * The directory routes as TanStack queries, paths defined once (keys: lib/browser/query/keys.ts). A query's data is only
 * ever a complete answer: the people list resolves when the "done" line arrives, never before.
 */

const enc = encodeURIComponent;

/** The page's as_of (lib/browser/query/as-of.ts): the query the routes take. */
const asOfQuery = viewAsOfParams;

export interface PeopleDirectory {
  catalog: CatalogLine;
  rows: PersonRow[];
  builtAt: number;
  counts: DirectoryCountsWire;
  /** The sync the rows came from (absent while the first sync runs). */
  sync?: string;
}

async function loadPeople(hash: string, signal: AbortSignal, asOf: Record<string, string> | undefined): Promise<PeopleDirectory> {
  const fresh = takeFreshFlag(hash);
  let catalog: CatalogLine | undefined;
  const rows: PersonRow[] = [];
  let done: { builtAt: number; counts: DirectoryCountsWire; sync?: string } | undefined;
  try {
    await readNdjson(
      withQuery("/api/directory/people", asOf),
      peopleStreamLineSchema,
      (line) => {
        switch (line.type) {
          case "progress":
            directoryProgress.set(hash, line);
            break;
          case "catalog":
            catalog = line;
            break;
          case "people":
            for (const r of line.rows) rows.push(r);
            break;
          case "done":
            done = { builtAt: line.builtAt, counts: line.counts, sync: line.sync };
            break;
          case "error":
            throw apiErrorFromBody(line.error, 502);
        }
      },
      { signal, fresh },
    );
  } finally {
    directoryProgress.clear(hash);
  }
  if (!done || !catalog) {
    throw new ApiError({
      type: "incomplete",
      status: 0,
      message: "The directory stopped arriving before it was complete, so nothing is shown as if it were. Retry.",
    });
  }
  return { catalog, rows, ...done };
}

/** Every person in the directory (the server's snapshot), with progress while it is walked. */
export const peopleDirectoryQuery = () => {
  const asOf = asOfQuery();
  return queryOptions({
    queryKey: directoryKeys.people(),
    queryFn: ({ signal, queryKey }) => loadPeople(hashKey(queryKey), signal, asOf),
    staleTime: WALK_STALE_MS,
    gcTime: WALK_GC_MS,
    structuralSharing: false,
    retry: false,
  });
};

async function loadPerson(userId: string, hash: string, signal: AbortSignal, asOf: Record<string, string> | undefined): Promise<PersonDetail> {
  const fresh = takeFreshFlag(hash);
  let person: PersonDetail | undefined;
  try {
    await readNdjson(
      withQuery(`/api/directory/people/${enc(userId)}`, asOf),
      personStreamLineSchema,
      (line) => {
        if (line.type === "progress") directoryProgress.set(hash, line);
        else if (line.type === "person") person = line.person;
        else throw apiErrorFromBody(line.error, line.error.type === "not_found" ? 404 : 502);
      },
      { signal, fresh },
    );
  } finally {
    directoryProgress.clear(hash);
  }
  if (!person) {
    throw new ApiError({ type: "incomplete", status: 0, message: "The person's details stopped arriving before they were complete. Retry." });
  }
  return person;
}

/** One person: organizations, groups, roles via groups, permissions with their paths. */
export const personDetailQuery = (userId: string) => {
  const asOf = asOfQuery();
  return queryOptions({
    queryKey: directoryKeys.person(userId),
    queryFn: ({ signal, queryKey }) => loadPerson(userId, hashKey(queryKey), signal, asOf),
    staleTime: WALK_STALE_MS,
    gcTime: WALK_GC_MS,
    retry: false,
  });
};

/** Counts for the Overview header. */
export const directorySummaryQuery = () => {
  const asOf = asOfQuery();
  return queryOptions({
    queryKey: directoryKeys.summary(),
    queryFn: ({ signal, queryKey }) => fetchJson("/api/directory/summary", directorySummarySchema, { signal, fresh: takeFreshFlag(hashKey(queryKey)), query: asOf }),
    staleTime: WALK_STALE_MS,
    retry: false,
  });
};
