"use client";
import type { ColumnDef } from "@tanstack/react-table";
import { AppLink } from "@/components/shell/app-link";
import type { Group } from "@/lib/shared/compliance/schemas";
import { parseTimestamp } from "@/lib/browser/format/dates";
import { formatCount } from "@/lib/browser/format/numbers";
import type { ResolvedRole } from "@/lib/shared/groups/role-index";
import { DateCell, IdCell } from "@/components/data-table/cells";
import { RoleChips, roleLabel } from "./role-chips";

export interface GroupRow {
  group: Group;
  roles: ResolvedRole[];
  /** undefined until the group's members have been walked. */
  members?: number;
  membersState: "idle" | "queued" | "loading" | "known" | "error";
}

export const SOURCE_TYPE_OPTIONS = [
  { value: "direct", label: "direct (made in Claude)" },
  { value: "scim", label: "scim (synced from the identity provider)" },
];

export const groupsTableColumns: ColumnDef<GroupRow, any>[] = [
  {
    id: "name",
    accessorFn: (r) => r.group.name,
    header: "Name",
    size: 240,
    meta: { label: "Name", searchable: true, csv: { header: "name", value: (r) => r.group.name } },
    cell: ({ row }) => (
      <AppLink href={`/groups/${encodeURIComponent(row.original.group.id)}`} className="font-medium text-brand-700 hover:underline">
        {row.original.group.name}
      </AppLink>
    ),
  },
  {
    id: "description",
    accessorFn: (r) => r.group.description ?? "",
    header: "Description",
    size: 300,
    meta: { label: "Description", searchable: true, hiddenByDefault: true, csv: { header: "description", value: (r) => r.group.description ?? "" } },
  },
  {
    id: "source_type",
    accessorFn: (r) => r.group.source_type,
    header: "Source",
    size: 110,
    meta: {
      label: "Source",
      variant: "multiSelect",
      urlKey: "source",
      options: SOURCE_TYPE_OPTIONS,
      csv: { header: "source_type", value: (r) => r.group.source_type },
    },
    cell: ({ getValue }) => <SourceBadge source={getValue<string>()} />,
  },
  {
    id: "roles",
    accessorFn: (r) => r.roles.map(roleLabel),
    header: "Roles",
    size: 380,
    enableSorting: false,
    meta: {
      label: "Roles",
      variant: "multiSelect",
      urlKey: "role",
      searchable: true,
      csv: { header: "roles", value: (r) => r.roles.map(roleLabel).join("; ") },
    },
    cell: ({ row }) => <RoleChips roles={row.original.roles} oneLine={2} />,
  },
  {
    id: "members",
    accessorFn: (r) => r.members,
    header: "Members",
    size: 100,
    sortUndefined: "last",
    meta: { label: "Members", align: "right", csv: { header: "members", value: (r) => r.members ?? "" } },
    cell: ({ row }) => {
      const r = row.original;
      if (r.members !== undefined) return <span className="tabular-nums">{formatCount(r.members)}</span>;
      if (r.membersState === "error") return <span className="text-red-800" title="The members could not be loaded">failed</span>;
      return (
        <span className="text-slate-500" title={r.membersState === "idle" ? "Not counted yet" : "Counting…"}>
          …
        </span>
      );
    },
  },
  {
    id: "id",
    accessorFn: (r) => r.group.id,
    header: "Group id",
    size: 300,
    meta: { label: "Group id", searchable: true, hiddenByDefault: true, csv: { header: "group_id", value: (r) => r.group.id } },
    cell: ({ getValue }) => <IdCell value={getValue<string>()} label="group id" />,
  },
  {
    id: "created_at",
    accessorFn: (r) => parseTimestamp(r.group.created_at) ?? undefined,
    header: "Created",
    size: 150,
    sortUndefined: "last",
    meta: { label: "Created", variant: "dateRange", urlKey: "created", csv: { header: "created_at", value: (r) => r.group.created_at ?? "" } },
    cell: ({ row }) => <DateCell value={row.original.group.created_at} />,
  },
  {
    id: "updated_at",
    accessorFn: (r) => parseTimestamp(r.group.updated_at) ?? undefined,
    header: "Updated",
    size: 150,
    sortUndefined: "last",
    meta: { label: "Updated", hiddenByDefault: true, csv: { header: "updated_at", value: (r) => r.group.updated_at ?? "" } },
    cell: ({ row }) => <DateCell value={row.original.group.updated_at} />,
  },
];

export function SourceBadge({ source }: { source: string }) {
  const scim = source === "scim";
  return (
    <span
      className={"rounded px-1.5 py-0.5 text-xs font-medium " + (scim ? "bg-indigo-50 text-indigo-900 ring-1 ring-indigo-200" : "bg-slate-100 text-slate-800 ring-1 ring-slate-300")}
      title={scim ? "Synced from the identity provider through SCIM" : source === "direct" ? "Made directly in Claude" : undefined}
    >
      {source}
    </span>
  );
}
