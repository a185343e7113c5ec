import type { ColumnDef } from "@tanstack/react-table";
import { ORGANIZATION_ROLES, type User } from "@/lib/shared/compliance/schemas";
import { parseTimestamp } from "@/lib/browser/format/dates";
import { emailDomain } from "@/lib/shared/format/email";
import { organizationRoleLabel } from "@/lib/shared/format/organization-roles";
import { OrganizationRoleWords } from "./organization-role-words";
import { userNameCell } from "./users-cells";
import { DateCell, IdCell } from "@/components/data-table/cells";
import { selectColumn } from "@/components/data-table/select-column";

const ROLE_OPTIONS = ORGANIZATION_ROLES.map((value) => ({ value, label: organizationRoleLabel(value) }));

/** An organization's users. Filters, search and the URL keys all come from the meta here. */
export const usersColumns: ColumnDef<User, unknown>[] = [
  selectColumn<User>({ rowLabel: (u) => u.full_name || u.email, noun: "users" }) as ColumnDef<User, unknown>,
  {
    id: "full_name",
    accessorKey: "full_name",
    size: 190,
    sortingFn: "text",
    meta: { label: "Name", searchable: true },
    cell: ({ row }) => userNameCell(row.original),
  },
  {
    id: "email",
    accessorKey: "email",
    size: 240,
    sortingFn: "text",
    meta: { label: "Email", searchable: true },
  },
  {
    id: "id",
    accessorKey: "id",
    size: 250,
    sortingFn: "text",
    meta: { label: "User id", searchable: true },
    cell: ({ row }) => <IdCell value={row.original.id} label="user id" />,
  },
  {
    id: "organization_role",
    accessorKey: "organization_role",
    size: 210,
    sortingFn: "text",
    meta: { label: "Organization role", variant: "multiSelect", options: ROLE_OPTIONS, urlKey: "role" },
    cell: ({ row }) => <OrganizationRoleWords role={row.original.organization_role} />,
  },
  {
    id: "domain",
    accessorFn: (u) => emailDomain(u.email),
    size: 140,
    sortingFn: "text",
    meta: { label: "Email domain", variant: "multiSelect", urlKey: "domain", hiddenByDefault: true },
  },
  {
    id: "created_at",
    // Epoch ms: sorts and range-filters as numbers, parsed once per row.
    accessorFn: (u) => parseTimestamp(u.created_at) ?? undefined,
    size: 140,
    sortUndefined: "last",
    meta: { label: "Joined", variant: "dateRange", urlKey: "created" },
    cell: ({ row }) => <DateCell value={row.original.created_at} />,
  },
];
