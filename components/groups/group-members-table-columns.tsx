"use client";
import type { ColumnDef } from "@tanstack/react-table";
import { AppLink } from "@/components/shell/app-link";
import { parseTimestamp } from "@/lib/browser/format/dates";
import { organizationRoleLabel } from "@/lib/shared/format/organization-roles";
import { ORGANIZATION_ROLES } from "@/lib/shared/compliance/schemas";
import { emailDomain } from "@/lib/shared/format/email";
import type { MemberRow } from "@/lib/shared/groups/member-directory";
import { DateCell, IdCell } from "@/components/data-table/cells";

/*
 * A group's members joined with the organization users lists. `namesKnown` is false while those
 * lists are still walking: a missing name then means "not yet", not "in no organization".
 */

export function groupMembersTableColumns(namesKnown: boolean): ColumnDef<MemberRow, any>[] {
  return [
    {
      id: "full_name",
      accessorFn: (r) => r.fullName ?? "",
      header: "Name",
      size: 180,
      meta: { label: "Name", searchable: true },
      cell: ({ row }) =>
        row.original.fullName !== undefined ? (
          <AppLink href={`/people/${encodeURIComponent(row.original.userId)}`} className="font-medium text-brand-700 hover:underline" title="This person across the directory">
            {row.original.fullName || row.original.email}
          </AppLink>
        ) : namesKnown ? (
          <span className="text-slate-500" title="This user id is in no organization users list the key reaches">not in any organization</span>
        ) : (
          <span className="text-slate-500" title="Loading the organization users lists">…</span>
        ),
    },
    {
      id: "email",
      accessorFn: (r) => r.email,
      header: "Email",
      size: 220,
      meta: { label: "Email", searchable: true },
    },
    {
      id: "user_id",
      accessorFn: (r) => r.userId,
      header: "User id",
      size: 240,
      meta: { label: "User id", searchable: true },
      cell: ({ getValue }) => <IdCell value={getValue<string>()} label="user id" />,
    },
    {
      id: "domain",
      accessorFn: (r) => emailDomain(r.email),
      header: "Domain",
      size: 160,
      meta: { label: "Email domain", variant: "multiSelect", hiddenByDefault: true },
    },
    {
      id: "organizations",
      accessorFn: (r) => r.memberships.map((m) => m.orgName),
      header: "Organizations",
      size: 240,
      enableSorting: false,
      meta: {
        label: "Organization",
        variant: "multiSelect",
        urlKey: "org",
      },
      cell: ({ row }) =>
        row.original.memberships.length === 0 ? (
          <span className="text-slate-500">{namesKnown ? "none" : "…"}</span>
        ) : (
          <span title={row.original.memberships.map((m) => `${m.orgName}: ${organizationRoleLabel(m.organizationRole)}`).join("\n")}>
            {row.original.memberships.map((m, i) => (
              <span key={m.orgUuid}>
                {i > 0 ? ", " : ""}
                {m.orgName} <span className="text-xs text-slate-500">({organizationRoleLabel(m.organizationRole, false)})</span>
              </span>
            ))}
          </span>
        ),
    },
    {
      id: "organization_roles",
      accessorFn: (r) => [...new Set(r.memberships.map((m) => m.organizationRole))],
      header: "Organization roles",
      size: 180,
      enableSorting: false,
      meta: {
        label: "Organization role",
        variant: "multiSelect",
        urlKey: "orole",
        hiddenByDefault: true,
        options: ORGANIZATION_ROLES.map((value) => ({ value, label: organizationRoleLabel(value) })),
      },
      cell: ({ getValue }) => getValue<string[]>().map((role) => organizationRoleLabel(role)).join(", "),
    },
    {
      id: "added_at",
      accessorFn: (r) => parseTimestamp(r.addedAt) ?? undefined,
      header: "Added to group",
      size: 140,
      sortUndefined: "last",
      meta: { label: "Added to group", variant: "dateRange", urlKey: "added" },
      cell: ({ row }) => <DateCell value={row.original.addedAt} />,
    },
  ];
}
