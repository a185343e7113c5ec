import { AppLink } from "@/components/shell/app-link";
import type { ColumnDef } from "@tanstack/react-table";
import { CopyButton } from "@/components/data-table/copy-button";
import { DateCell, IdCell } from "@/components/data-table/cells";
import { CountStateCell } from "./count-cell";
import { SettingsBadges } from "./settings-badges";
import type { Cell, OrganizationRow } from "./organization-row";
import { OVERVIEW_COLUMN_SIZES as SIZE } from "./column-sizes";

const countValue = (c: Cell<number>) => (c.kind === "done" ? c.value : undefined);
const orgLink = (uuid: string, section: string) => `/organizations/${uuid}/${section}`;

const SSO_OPTIONS = [
  { value: "enforced", label: "SSO enforced" },
  { value: "not enforced", label: "SSO not enforced" },
  { value: "unknown", label: "not reported" },
];

function ssoValue(row: OrganizationRow): string | undefined {
  if (row.settings.kind !== "done") return undefined;
  const v = row.settings.value.ssoEnforced;
  return v === true ? "enforced" : v === false ? "not enforced" : "unknown";
}

function countColumn(id: "users" | "roles" | "groups", label: string): ColumnDef<OrganizationRow, number | undefined> {
  return {
    id,
    accessorFn: (r) => countValue(r[id]),
    size: SIZE[id],
    sortUndefined: "last",
    meta: { label, align: "right" },
    cell: ({ row }) => <CountStateCell cell={row.original[id]} noun={label} />,
  };
}

/** A hidden-by-default, searchable, unsortable column of one of the organization's ids, copyable. */
function idColumn(id: "uuid" | "org_id", key: "uuid" | "prefixedId", label: string, copyLabel: string): ColumnDef<OrganizationRow, unknown> {
  return {
    id,
    accessorKey: key,
    size: SIZE[id],
    enableSorting: false,
    meta: { label, searchable: true, hiddenByDefault: true },
    cell: ({ row }) => <IdCell value={row.original[key]} label={copyLabel} />,
  };
}

/** The organization's name (to its users), its uuid and its Activity Feed id, each copyable. */
export function OrganizationNameCell({ org }: { org: OrganizationRow }) {
  return (
    <span className="flex min-w-0 flex-col leading-tight">
      <AppLink href={orgLink(org.uuid, "users")} className="truncate font-medium text-brand-700 hover:underline">
        {org.name}
      </AppLink>
      <span className="flex min-w-0 items-center gap-1">
        <span className="truncate font-mono text-[11px] text-slate-500" title={org.uuid}>
          {org.uuid}
        </span>
        <CopyButton value={org.uuid} label={`uuid of ${org.name}`} />
        <CopyButton value={org.prefixedId} label={`Activity Feed id ${org.prefixedId}`} text="org_" className="px-0.5 font-mono text-[10px]" />
      </span>
    </span>
  );
}

/** Links to the organization's users, roles and settings. */
export function OpenLinks({ org }: { org: Pick<OrganizationRow, "uuid" | "name"> }) {
  return (
    <span className="flex gap-2 text-xs">
      <AppLink href={orgLink(org.uuid, "users")} className="text-brand-700 hover:underline" aria-label={`Users of ${org.name}`}>
        Users
      </AppLink>
      <AppLink href={orgLink(org.uuid, "roles")} className="text-brand-700 hover:underline" aria-label={`Roles of ${org.name}`}>
        Roles
      </AppLink>
      <AppLink href={orgLink(org.uuid, "settings")} className="text-brand-700 hover:underline" aria-label={`Settings of ${org.name}`}>
        Settings
      </AppLink>
    </span>
  );
}

/** The organization tree's columns. Counts sort numerically; unknown counts sort last. */
export const overviewColumns: ColumnDef<OrganizationRow, unknown>[] = [
  {
    // Its column id is the accessor key, "name" (columnIdOf).
    accessorKey: "name",
    size: SIZE.name,
    sortingFn: "text",
    meta: { label: "Organization", searchable: true },
    cell: ({ row }) => <OrganizationNameCell org={row.original} />,
  },
  idColumn("uuid", "uuid", "UUID", "uuid"),
  idColumn("org_id", "prefixedId", "Activity Feed id (org_)", "Activity Feed id"),
  {
    id: "created_at",
    accessorFn: (r) => r.createdMs ?? undefined,
    size: SIZE.created_at,
    sortUndefined: "last",
    meta: { label: "Created", variant: "dateRange", urlKey: "created" },
    cell: ({ row }) => <DateCell value={row.original.created_at} />,
  },
  countColumn("users", "Users") as ColumnDef<OrganizationRow, unknown>,
  countColumn("roles", "Roles") as ColumnDef<OrganizationRow, unknown>,
  countColumn("groups", "Groups") as ColumnDef<OrganizationRow, unknown>,
  {
    id: "sso",
    accessorFn: ssoValue,
    size: SIZE.sso,
    enableSorting: false,
    meta: { label: "SSO", variant: "multiSelect", options: SSO_OPTIONS, hiddenByDefault: true },
  },
  {
    id: "provisioning",
    accessorFn: (r) => (r.settings.kind === "done" ? (r.settings.value.provisioning ?? "not reported") : undefined),
    size: SIZE.provisioning,
    enableSorting: false,
    meta: { label: "Provisioning", variant: "multiSelect", hiddenByDefault: true },
  },
  {
    id: "settings",
    size: SIZE.settings,
    enableSorting: false,
    meta: { label: "Settings" },
    cell: ({ row }) => <SettingsBadges cell={row.original.settings} />,
  },
  {
    id: "open",
    size: SIZE.open,
    enableSorting: false,
    enableHiding: false,
    meta: { label: "Open" },
    header: () => <span className="sr-only">Open</span>,
    cell: ({ row }) => <OpenLinks org={row.original} />,
  },
];
