import { hashKey } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Organization } from "@/lib/shared/compliance/schemas";
import {
  organizationRolesQuery,
  organizationsQuery,
  organizationUsersQuery,
  toApiError,
  useWalk,
  useWalkProgressVersion,
  walkProgress,
  type ApiError,
  type WalkResult,
} from "@/lib/browser/query";
import { usePacedQueries } from "@/lib/browser/query/use-paced-queries";

/*
 * One list per organization (its roles, or its users), walked for every organization the key
 * reaches, a few organizations at a time, with progress: how many organizations are done, how many
 * rows have arrived (finished walks and the pages of running ones), and which failed.
 */

export interface PerOrganizationLists<T> {
  organizationsStatus: "loading" | "error" | "complete";
  organizationsError: ApiError | null;
  retryOrganizations: () => void;
  /** Organizations whose list is complete, with it. */
  lists: { organization: Organization; rows: T[] }[];
  failed: { organization: Organization; error: ApiError }[];
  organizationsDone: number;
  organizationsTotal: number | null;
  rowsLoaded: number;
  complete: boolean;
}

type Kind = "roles" | "users";

const queryFor = (kind: Kind, orgUuid: string) => (kind === "roles" ? organizationRolesQuery(orgUuid) : organizationUsersQuery(orgUuid));

export function usePerOrganizationLists<T>(kind: Kind, { enabled = true, concurrency = 2 }: { enabled?: boolean; concurrency?: number } = {}): PerOrganizationLists<T> {
  const orgs = useWalk(organizationsQuery(), { enabled });
  const organizations = useMemo(() => (orgs.status === "complete" ? orgs.rows : []), [orgs.status, orgs.rows]);
  const options = useMemo(() => organizations.map((o) => queryFor(kind, o.uuid)), [organizations, kind]);
  const results = usePacedQueries(options as never[], { concurrency, enabled });
  useWalkProgressVersion();

  const complete = organizations.map((_, i) => results[i]?.result.data as WalkResult<T> | undefined);
  // The lists change only when a walk completes (or is refreshed): joins over 50,000 users are
  // recomputed then, not on every progress tick.
  const listsKey = complete.map((d, i) => (d ? `${i}:${results[i]!.result.dataUpdatedAt}` : "")).join(",");
  const lists = useMemo(
    () => organizations.flatMap((organization, i) => (complete[i] ? [{ organization, rows: complete[i]!.rows }] : [])),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [organizations, listsKey],
  );

  const failed: PerOrganizationLists<T>["failed"] = [];
  let rowsLoaded = 0;
  organizations.forEach((organization, i) => {
    const result = results[i]?.result;
    if (complete[i]) rowsLoaded += complete[i]!.rows.length;
    else {
      if (result?.isError) failed.push({ organization, error: toApiError(result.error) });
      rowsLoaded += walkProgress.get(hashKey(options[i]!.queryKey))?.state.rows ?? 0;
    }
  });

  return {
    organizationsStatus: orgs.status === "complete" ? "complete" : orgs.status === "error" ? "error" : "loading",
    organizationsError: orgs.error,
    retryOrganizations: orgs.resume,
    lists,
    failed,
    organizationsDone: lists.length + failed.length,
    organizationsTotal: orgs.status === "complete" ? organizations.length : null,
    rowsLoaded,
    complete: orgs.status === "complete" && lists.length === organizations.length,
  };
}
