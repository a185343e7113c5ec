"use client";

import { useEffect, useState } from "react";
import type { User } from "@/lib/shared/compliance/schemas";
import type { UsersFirstScreen } from "@/lib/shared/directory/users-first-screen";
import { viewAsOf } from "@/lib/browser/query/as-of";
import { organizationsQuery, organizationUsersQuery } from "@/lib/browser/query/compliance-queries";
import { noteDirectoryHeaders } from "@/lib/browser/query/shown-sync";
import { useWalk } from "@/lib/browser/query/use-walk";
import { firstPageSeed } from "@/lib/browser/query/walk-query";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableCounts } from "@/components/data-table/data-table-counts";
import { DataTableCsvDialog } from "@/components/data-table/data-table-csv-dialog";
import { DataTableToolbar } from "@/components/data-table/data-table-toolbar";
import { useDataTable } from "@/components/data-table/use-data-table";
import { WalkProgressLine } from "@/components/data-table/walk-progress-line";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { usersTableLabel } from "./users-first-screen";
import { usersColumns } from "./users-table-columns";

const NOUN = { one: "user", other: "users" };
const userId = (u: User) => u.id;

/**
 * Every user of one organization, walked in full so search, facets, counts and the CSV cover
 * everyone. With a first screen (the server's first page of the walk) the walk starts from it.
 */
export function UsersTable({ orgUuid, firstScreen }: { orgUuid: string; firstScreen?: UsersFirstScreen | null }) {
  const ahead = firstScreen && firstScreen.orgUuid === orgUuid && !viewAsOf() ? firstScreen : null;
  const [seed] = useState(() => (ahead ? firstPageSeed("organizationUsers", ahead.page) : null));
  const users = useWalk(organizationUsersQuery(orgUuid), { seed });
  const orgs = useWalk(organizationsQuery());
  const org = orgs.rows.find((o) => o.uuid === orgUuid);
  // The rows on screen came from that sync, though no request of this page said so yet.
  useEffect(() => {
    if (ahead) noteDirectoryHeaders(new Headers({ "x-directory-source": "store", "x-directory-sync": ahead.sync.id, "x-directory-as-of": ahead.sync.finishedAt }));
  }, [ahead]);
  const controller = useDataTable({ data: users.rows, columns: usersColumns, getRowId: userId });
  const exportDisabled = useExportDisabledReason();
  const complete = users.status === "complete";

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2 p-4">
      <h2 className="sr-only">Users{org ? ` of ${org.name}` : ahead ? ` of ${ahead.organizationName}` : ""}</h2>
      <DataTableToolbar
        controller={controller}
        searchLabel="Search users by name, email or id, or paste a list of ids or emails"
        searchPlaceholder="Search name, email or user id; paste a list of ids/emails"
      >
        <DataTableCsvDialog
          table={controller.table}
          noun={NOUN}
          download={{ table: "users", scope: { org: orgUuid } }}
          complete={complete}
          loadedSoFar={users.loaded}
          disabledReason={exportDisabled}
        />
      </DataTableToolbar>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <DataTableCounts table={controller.table} noun={NOUN} walk={users} />
        <WalkProgressLine walk={users} noun={NOUN} />
      </div>
      <DataTable
        table={controller.table}
        label={usersTableLabel(org?.name ?? ahead?.organizationName)}
        loading={users.status === "loading" || users.status === "partial"}
        blocked={users.status === "error" && users.rows.length === 0 ? <p className="text-sm text-slate-600">No users could be loaded (see the error above).</p> : undefined}
        empty={users.status === "cancelled" ? "Loading was stopped before any user arrived." : "This organization has no users."}
        noMatches="No users match the current search and filters."
      />
    </div>
  );
}
