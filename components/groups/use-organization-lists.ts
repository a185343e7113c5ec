import { hashKey, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Organization, Role } from "@/lib/shared/compliance/schemas";
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
import { shownError } from "@/lib/browser/query/api-error";
import { organizationsRolesQuery } from "@/lib/browser/query/tree-queries";
import { usePacedQueries } from "@/lib/browser/query/use-paced-queries";

/*
 * One list per organization (its roles, or its users), walked for every organization the key
 * reaches, a few organizations at a time, with progress: how many organizations are done, how many
 * rows have arrived (finished walks and the pages of running ones), and which failed. Roles come
 * in one answer from the store once a sync is complete (useOrganizationRoles).
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

const noop = () => {};

/**
 * Every organization's roles: one answer from the sync the page shows (GET /api/directory/roles),
 * or, before the first sync completes, one walk per organization as the live routes answer.
 */
export function useOrganizationRoles(): PerOrganizationLists<Role> {
  const stored = useQuery(organizationsRolesQuery());
  const live = stored.data?.source === "live";
  const perOrganization = usePerOrganizationLists<Role>("roles", { enabled: live });
  const answer = stored.data?.source === "store" ? stored.data : undefined;
  const lists = useMemo(
    () => (answer ? answer.organizations.map((o) => ({ organization: { uuid: o.uuid, name: o.name, created_at: o.created_at }, rows: o.roles })) : []),
    [answer],
  );
  if (live) return perOrganization;
  const error = answer ? null : shownError(stored.error);
  return {
    organizationsStatus: answer ? "complete" : error ? "error" : "loading",
    organizationsError: error,
    retryOrganizations: error ? () => void stored.refetch() : noop,
    lists,
    failed: [],
    organizationsDone: lists.length,
    organizationsTotal: answer ? lists.length : null,
    rowsLoaded: lists.reduce((n, l) => n + l.rows.length, 0),
    complete: answer !== undefined,
  };
}
