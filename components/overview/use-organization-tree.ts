import { hashKey, useQueries, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { useQueryState } from "nuqs";
import { orgPrefixedId } from "@/lib/shared/compliance/ids";
import type { Organization } from "@/lib/shared/compliance/schemas";
import { parseTimestamp } from "@/lib/browser/format/dates";
import { isAbortError, shownError } from "@/lib/browser/query/api-error";
import {
  groupsQuery,
  organizationRolesQuery,
  organizationSettingsQuery,
  organizationsQuery,
  organizationUsersQuery,
} from "@/lib/browser/query/compliance-queries";
import { complianceKeys } from "@/lib/browser/query/keys";
import { useLastRefresh } from "@/lib/browser/query/refresh";
import { useWalk, type Walk } from "@/lib/browser/query/use-walk";
import { useWalkProgressVersion, walkProgress } from "@/lib/browser/query/walk-progress";
import { WALK_STALE_MS } from "@/lib/browser/query/walk-query";
import { parseSearch } from "@/lib/shared/data-table/search-query";
import { pageParam } from "@/components/data-table/url-parsers";
import { COUNT_WINDOW, taskState, tasksToEnable } from "./count-scheduler";
import { directoryTotals, groupsForOrganization, summarizeSettings } from "./tree-summary";
import type { Cell, OrganizationRow } from "./organization-row";

export interface TreeTotals {
  organizations: Walk<Organization>;
  groups: Walk<unknown>;
  /** Known once every organization's users are counted. */
  uniqueUsers: number | null;
  memberships: number;
  /** Organizations whose users are counted so far. */
  usersCounted: number;
  /** Organizations whose users could not be counted. */
  usersFailed: number;
  /** Organizations with all three counts settled (done or failed). */
  organizationsCounted: number;
  running: number;
}

function cellOf<T, R>(result: { data?: R; error: Error | null; isFetching: boolean }, hash: string, value: (data: R) => T): Cell<T> {
  if (result.data !== undefined) return { kind: "done", value: value(result.data) };
  const error = shownError(result.error);
  if (error) return { kind: "error", error };
  if (result.isFetching) return { kind: "loading", loaded: walkProgress.get(hash)?.state.rows ?? 0 };
  return { kind: "waiting" };
}

/**
 * The parent's organizations with their counts, filled in as throttled calls return; plus totals.
 * Organizations matching the Overview's search are counted first.
 */
export function useOrganizationTree({ paused }: { paused: boolean }) {
  const queryClient = useQueryClient();
  const organizations = useWalk(organizationsQuery());
  const groups = useWalk(groupsQuery(), { enabled: !paused });
  useWalkProgressVersion();

  // The Overview table's search, read through nuqs so it changes in the same render as the box.
  const [search] = useQueryState("q", pageParam);
  const ordered = useMemo(() => {
    const m = parseSearch(search);
    if (m.kind === "none") return organizations.rows;
    const hit = (o: Organization) =>
      m.kind === "text" ? o.name.toLowerCase().includes(m.needle) || o.uuid.includes(m.needle) : m.values.has(o.uuid) || m.values.has(orgPrefixedId(o.uuid));
    return [...organizations.rows.filter(hit), ...organizations.rows.filter((o) => !hit(o))];
  }, [organizations.rows, search]);

  // Interleaved per organization (settings, roles, users) so each row fills in whole, in display order.
  const settingsTasks = useMemo(() => ordered.map((o) => organizationSettingsQuery(o.uuid)), [ordered]);
  const rolesTasks = useMemo(() => ordered.map((o) => organizationRolesQuery(o.uuid)), [ordered]);
  const usersTasks = useMemo(() => ordered.map((o) => organizationUsersQuery(o.uuid)), [ordered]);
  const [retriedAt, setRetriedAt] = useState(0);
  const retryEpoch = Math.max(retriedAt, useLastRefresh());
  // Staleness is judged against when the page opened: counts do not start over on their own while
  // the officer reads them (the header shows their age; Refresh starts over).
  const [now] = useState(() => Date.now());
  const stateOf = (key: readonly unknown[]) => taskState(queryClient.getQueryState(key), now, WALK_STALE_MS, retryEpoch);
  const states = ordered.flatMap((_, i) => [stateOf(settingsTasks[i]!.queryKey), stateOf(rolesTasks[i]!.queryKey), stateOf(usersTasks[i]!.queryKey)]);
  const enabled = tasksToEnable(states, COUNT_WINDOW, paused);

  const settingsResults = useQueries({ queries: settingsTasks.map((t, i) => ({ ...t, enabled: enabled[i * 3] })) });
  const rolesResults = useQueries({ queries: rolesTasks.map((t, i) => ({ ...t, enabled: enabled[i * 3 + 1] })) });
  const usersResults = useQueries({ queries: usersTasks.map((t, i) => ({ ...t, enabled: enabled[i * 3 + 2] })) });

  const position = useMemo(() => new Map(ordered.map((o, i) => [o.uuid, i])), [ordered]);
  const groupRows = groups.status === "complete" ? groups.rows : null;

  const rows: OrganizationRow[] = organizations.rows.map((o) => {
    const i = position.get(o.uuid)!;
    const rolesResult = rolesResults[i]!;
    const settings = cellOf(settingsResults[i]!, hashKey(settingsTasks[i]!.queryKey), summarizeSettings);
    const roles = cellOf(rolesResult, hashKey(rolesTasks[i]!.queryKey), (d) => d.rows.length);
    const users = cellOf(usersResults[i]!, hashKey(usersTasks[i]!.queryKey), (d) => d.rows.length);
    let groupsCell: Cell<number> = { kind: "waiting" };
    if (groups.status === "error" && groups.error) groupsCell = { kind: "error", error: groups.error };
    else if (roles.kind === "error") groupsCell = roles;
    else if (groupRows && rolesResult.data) {
      const roleIds = new Set(rolesResult.data.rows.map((x) => x.id));
      groupsCell = { kind: "done", value: groupsForOrganization(groupRows, roleIds).length };
    } else if (groups.status === "loading" || groups.status === "partial" || roles.kind === "loading") groupsCell = { kind: "loading", loaded: 0 };
    return {
      uuid: o.uuid,
      name: o.name,
      prefixedId: orgPrefixedId(o.uuid),
      created_at: o.created_at,
      createdMs: parseTimestamp(o.created_at),
      users,
      roles,
      groups: groupsCell,
      settings,
    };
  });

  let organizationsCounted = 0;
  for (let i = 0; i < ordered.length; i++) if (states[i * 3] === "settled" && states[i * 3 + 1] === "settled" && states[i * 3 + 2] === "settled") organizationsCounted++;
  const usersLists = usersResults.flatMap((r) => (r.data ? [r.data.rows] : []));
  const allUsersCounted = organizations.status === "complete" && usersLists.length === ordered.length;
  // Unique people need every list (a set over all of them); until then only memberships are summed.
  const listsSignature = allUsersCounted ? usersResults.map((r) => r.dataUpdatedAt).join(",") : "";
  const uniqueUsers = useMemo(
    () => (listsSignature ? directoryTotals(usersLists).uniqueUsers : null),
    // usersLists is rebuilt every render; its content changes exactly when the signature does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [listsSignature],
  );

  const totals: TreeTotals = {
    organizations,
    groups,
    uniqueUsers,
    memberships: usersLists.reduce((n, l) => n + l.length, 0),
    usersCounted: usersLists.length,
    usersFailed: usersResults.filter((r) => !r.data && r.error && !isAbortError(r.error)).length,
    organizationsCounted,
    running: states.filter((st) => st === "running").length,
  };

  /** Stop the counting now (in-flight walks stop after their current page and resume later). */
  const pauseCounting = useCallback(() => {
    void queryClient.cancelQueries({ predicate: (q) => q.queryKey[0] === complianceKeys.all[0] && q.queryKey.length > 2 && q.state.fetchStatus === "fetching" });
    void queryClient.cancelQueries({ queryKey: groupsQuery().queryKey, exact: true });
  }, [queryClient]);

  /** Try the failed counts again (they re-enter the window in order). */
  const retryFailed = useCallback(() => {
    setRetriedAt(Date.now());
    if (groups.status === "error") groups.resume();
    if (organizations.status === "error") organizations.resume();
  }, [groups, organizations]);

  return { rows, totals, pauseCounting, retryFailed };
}
