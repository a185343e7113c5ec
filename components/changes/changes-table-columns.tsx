"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { CHANGE_KINDS, type Change, type ChangeLabels } from "@/lib/changes/change";
import { describeChange, groupName, kindLabel, organizationName, personLabel, roleName } from "@/lib/changes/describe";
import { widensAccess } from "@/lib/changes/widens";

/* The Changes table: one row per change, filters by kind, organization, group, role, person and access. */

export interface ChangeRow {
  id: string;
  change: Change;
  summary: string;
  widens: boolean;
  organization: string;
  group: string;
  role: string;
  person: string;
}

export function toRows(changes: readonly Change[], labels: ChangeLabels, offset = 0): ChangeRow[] {
  return changes.map((c, i) => ({
    id: String(offset + i),
    change: c,
    summary: describeChange(c, labels),
    widens: widensAccess(c, labels),
    organization: c.organization_uuid ? organizationName(c, labels) : "",
    group: c.group_id ? groupName(c, labels) : "",
    role: c.role_id ? roleName(c, labels) : "",
    person: personLabel(c),
  }));
}

const link = "text-brand-700 hover:underline";
const e = encodeURIComponent;

/** Facet options from the rows: the id as value, its name as label. */
function optionsOf(rows: readonly ChangeRow[], id: (r: ChangeRow) => string | undefined, label: (r: ChangeRow) => string) {
  const seen = new Map<string, string>();
  for (const r of rows) {
    const v = id(r);
    if (v && !seen.has(v)) seen.set(v, label(r) || v);
  }
  return [...seen].map(([value, l]) => ({ value, label: l })).sort((a, b) => a.label.localeCompare(b.label));
}

export function changesColumns(rows: readonly ChangeRow[]): ColumnDef<ChangeRow, unknown>[] {
  return [
    {
      id: "kind",
      accessorFn: (r) => r.change.kind,
      header: "Change",
      size: 170,
      meta: { label: "Change", variant: "multiSelect", options: CHANGE_KINDS.map((k) => ({ value: k, label: kindLabel(k) })), urlKey: "kind", csv: { header: "kind", value: (r) => r.change.kind } },
      cell: ({ row }) => <span className="font-mono text-xs">{row.original.change.kind}</span>,
    },
    {
      id: "widens",
      accessorFn: (r) => (r.widens ? "widens" : "other"),
      header: "Access",
      size: 120,
      meta: {
        label: "Access",
        variant: "select",
        options: [
          { value: "widens", label: "Widens access" },
          { value: "other", label: "Other changes" },
        ],
        urlKey: "widens",
        csv: { header: "widens_access", value: (r) => r.widens },
      },
      cell: ({ row }) =>
        row.original.widens ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900" title="This change widens access">
            ▲ widens access
          </span>
        ) : null,
    },
    {
      id: "summary",
      accessorKey: "summary",
      header: "What changed",
      size: 460,
      meta: { label: "What changed", searchable: true, csv: { header: "summary", value: (r) => r.summary } },
      cell: ({ row }) => <span title={row.original.summary}>{row.original.summary}</span>,
    },
    {
      id: "organization",
      accessorFn: (r) => r.change.organization_uuid ?? "",
      header: "Organization",
      size: 180,
      meta: { label: "Organization", variant: "multiSelect", options: optionsOf(rows, (r) => r.change.organization_uuid, (r) => r.organization), urlKey: "org", searchable: true, csv: { header: "organization", value: (r) => r.organization } },
      cell: ({ row }) => {
        const c = row.original.change;
        return c.organization_uuid ? (
          <Link className={link} href={`/organizations/${e(c.organization_uuid)}/${c.kind === "setting_changed" ? "settings" : "users"}`}>
            {row.original.organization}
          </Link>
        ) : null;
      },
    },
    {
      id: "person",
      accessorFn: (r) => r.change.user_id ?? "",
      header: "Person",
      size: 180,
      meta: { label: "Person", variant: "multiSelect", options: optionsOf(rows, (r) => r.change.user_id, (r) => r.person), urlKey: "person", searchable: true, csv: { header: "user_id", value: (r) => r.change.user_id } },
      cell: ({ row }) => {
        const c = row.original.change;
        return c.user_id ? (
          <Link className={link} href={`/people/${e(c.user_id)}`}>
            {row.original.person}
          </Link>
        ) : null;
      },
    },
    {
      id: "group",
      accessorFn: (r) => r.change.group_id ?? "",
      header: "Group",
      size: 160,
      meta: { label: "Group", variant: "multiSelect", options: optionsOf(rows, (r) => r.change.group_id, (r) => r.group), urlKey: "group", searchable: true, csv: { header: "group_id", value: (r) => r.change.group_id } },
      cell: ({ row }) => {
        const c = row.original.change;
        return c.group_id ? (
          <Link className={link} href={`/groups/${e(c.group_id)}`}>
            {row.original.group}
          </Link>
        ) : null;
      },
    },
    {
      id: "role",
      accessorFn: (r) => r.change.role_id ?? "",
      header: "Role",
      size: 160,
      meta: { label: "Role", variant: "multiSelect", options: optionsOf(rows, (r) => r.change.role_id, (r) => r.role), urlKey: "role", searchable: true, csv: { header: "role_id", value: (r) => r.change.role_id } },
      cell: ({ row }) => {
        const c = row.original.change;
        const org = c.organization_uuid;
        return c.role_id ? (
          org ? (
            <Link className={link} href={`/organizations/${e(org)}/roles/${e(c.role_id)}`}>
              {row.original.role}
            </Link>
          ) : (
            <span>{row.original.role}</span>
          )
        ) : null;
      },
    },
  ];
}
