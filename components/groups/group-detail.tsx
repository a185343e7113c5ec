"use client";
import { HistorySection } from "@/components/changes/history-section";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { DataTableCsvDialog, DataTableToolbar, ErrorNotice, selectColumn, useDataTable } from "@/components/data-table";
import type { User } from "@/lib/shared/compliance/schemas";
import { RecordFacts } from "@/components/detail/record-facts";
import { WalkedTable } from "@/components/detail/walked-table";
import { groupMembersQuery, groupQuery, toApiError, useWalk } from "@/lib/browser/query";
import { answerWalk } from "@/lib/browser/query/answer-walk";
import { groupMembersJoinedQuery } from "@/lib/browser/query/tree-queries";
import type { Walk } from "@/lib/browser/query/use-walk";
import { buildRoleIndex, resolveGroupRoles } from "@/lib/shared/groups/role-index";
import { buildUserDirectory, joinMembers, type MemberRow } from "@/lib/shared/groups/member-directory";
import { countOf, formatCount } from "@/lib/browser/format/numbers";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { groupMembersTableColumns } from "./group-members-table-columns";
import { SourceBadge } from "./groups-table-columns";
import { GroupPrint } from "./group-print";
import { RoleChips } from "./role-chips";
import { useOrganizationRoles, usePerOrganizationLists, type PerOrganizationLists } from "./use-organization-lists";

const NOUN = { one: "member", other: "members" };
/** Stable across renders: the table treats a new array as a new sort. */
const BY_EMAIL = [{ id: "email", desc: false }];
const NO_ROWS: MemberRow[] = [];

/*
 * One group: what it is, the roles it grants (each to its permissions), and its members with the
 * names and organizations the members list lacks. From the sync the page shows, the server joins
 * them in one answer; before the first sync completes the page walks the group's members and every
 * organization's users and joins them itself.
 */
export function GroupDetail({ groupId }: { groupId: string }) {
  const joined = useQuery(groupMembersJoinedQuery(groupId));
  const stored = joined.data?.source === "store" ? joined.data : undefined;
  const live = joined.data?.source === "live";
  const liveGroup = useQuery({ ...groupQuery(groupId), enabled: live });
  const liveMembers = useWalk(groupMembersQuery(groupId), { enabled: live });
  const users = usePerOrganizationLists<User>("users", { enabled: live });
  const roles = useOrganizationRoles();

  const roleIndex = useMemo(() => buildRoleIndex(roles.lists.map((l) => ({ organization: l.organization, roles: l.rows }))), [roles.lists]);
  const directory = useMemo(() => buildUserDirectory(users.lists.map((l) => ({ organization: l.organization, users: l.rows }))), [users.lists]);
  const liveRows = useMemo(() => (live ? joinMembers(liveMembers.rows, directory) : NO_ROWS), [live, liveMembers.rows, directory]);
  const rows = stored ? stored.members : liveRows;
  const members: Walk<unknown> = live ? liveMembers : answerWalk(joined, rows);
  // Live, the group record is its own request; from the store it comes with the members.
  const group = live ? liveGroup : { data: stored?.group, isError: !stored && joined.isError, error: joined.error, refetch: joined.refetch };

  const namesKnown = stored !== undefined || users.complete;
  const columns = useMemo(
    () => [selectColumn<MemberRow>({ rowLabel: (r) => r.fullName || r.email, noun: "members" }), ...groupMembersTableColumns(namesKnown)],
    [namesKnown],
  );
  const controller = useDataTable({ data: rows, columns, getRowId: (r) => r.userId, defaultSorting: BY_EMAIL });
  const { table } = controller;

  const name = group.data?.name ?? groupId;
  const exportDisabled = useExportDisabledReason();
  const resolvedRoles = group.data ? resolveGroupRoles(group.data, roleIndex) : [];

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-4 p-4 print:block">
      <GroupPrint name={name} groupId={groupId} roles={resolvedRoles.map((r) => (r.resolved ? r.name : r.id))} table={table} />
      <header className="print:hidden">
        {group.isError ? (
          <ErrorNotice error={toApiError(group.error)} onRetry={() => void group.refetch()} />
        ) : (
          <>
            <h1 className="flex items-center gap-2 text-lg font-semibold text-slate-900">
              {group.data ? group.data.name : <span className="text-slate-500">Loading group…</span>}
              {group.data ? <SourceBadge source={group.data.source_type} /> : null}
            </h1>
            {group.data ? (
              <RecordFacts noun="group" record={group.data}>
                <dt className="text-slate-500">Source</dt>
                <dd>
                  {group.data.source_type === "scim"
                    ? "SCIM: synced from the identity provider (changes come from there)"
                    : group.data.source_type === "direct"
                      ? "Direct: made in Claude"
                      : group.data.source_type}
                </dd>
                <dt className="text-slate-500">Roles</dt>
                <dd>
                  <RoleChips roles={resolvedRoles} pending={!roles.complete} />
                  {!roles.complete && resolvedRoles.some((r) => !r.resolved) ? (
                    <span className="ml-2 text-xs text-slate-500">resolving names…</span>
                  ) : null}
                </dd>
              </RecordFacts>
            ) : null}
          </>
        )}
      </header>

      {/* A group whose record and members both failed (an unknown group, or a failed read) is said once, in the header with its Retry. */}
      {group.isError && members.status === "error" ? null : (
        <section aria-labelledby="members-heading" className="flex min-h-[24rem] flex-1 flex-col gap-2 print:hidden">
          <h2 id="members-heading" className="text-sm font-semibold text-slate-800">Members</h2>
          <DataTableToolbar controller={controller} searchLabel="Search members by name, email or user id" searchPlaceholder="Search name, email, user id; paste a list…">
            <DataTableCsvDialog
              table={table}
              noun={NOUN}
              download={{ table: "group_members", scope: { group: groupId } }}
              complete={members.status === "complete" && namesKnown}
              loadedSoFar={members.loaded}
              disabledReason={exportDisabled}
            />
          </DataTableToolbar>
          <WalkedTable table={table} noun={NOUN} walk={members} label={`Members of the group ${name}`} emptyWhenComplete="This group has no members.">
            {stored ? <StoredNameLine rows={stored.members} /> : live ? <NameJoinLine users={users} /> : null}
          </WalkedTable>
        </section>
      )}
      <div className="print:hidden">
        <HistorySection subject={{ kind: "group", groupId }} />
      </div>
    </div>
  );
}

/** Where the names came from, and who has none. */
function StoredNameLine({ rows }: { rows: readonly MemberRow[] }) {
  const unlisted = rows.filter((r) => r.fullName === undefined).length;
  return (
    <p className="text-xs text-slate-600" role="status">
      Names and organizations joined from the synced directory&apos;s users of every organization
      {unlisted > 0 ? `; ${countOf(unlisted, "member")} ${unlisted === 1 ? "is" : "are"} listed by no organization, so no name is known` : ""}.
    </p>
  );
}

/** How far the name join is: the organization users lists walked so far. */
function NameJoinLine({ users }: { users: PerOrganizationLists<User> }) {
  if (users.organizationsError) return <ErrorNotice error={users.organizationsError} onRetry={users.retryOrganizations} compact />;
  if (users.organizationsTotal === null) return <p className="text-xs text-slate-600" role="status">Names: loading organizations…</p>;
  return (
    <div className="space-y-1 text-xs text-slate-600" role="status" aria-live="polite">
      {users.complete ? (
        <p>
          Names and organizations joined from the users of {countOf(users.organizationsTotal, "organization")} ({formatCount(users.rowsLoaded)} memberships).
        </p>
      ) : (
        <p>
          Joining names: users of {formatCount(users.organizationsDone - users.failed.length)} of {countOf(users.organizationsTotal, "organization")} loaded (
          {formatCount(users.rowsLoaded)} memberships so far)…
        </p>
      )}
      {users.failed.map((f) => (
        <ErrorNotice key={f.organization.uuid} error={f.error} compact>
          <p className="mt-0.5">Users of {f.organization.name} could not be loaded: members only there show no name.</p>
        </ErrorNotice>
      ))}
    </div>
  );
}
