"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { RowLink } from "@/components/data-table/row-link";
import type { CsvColumnSpec } from "@/components/data-table/column-meta";
import { CHANGE_KINDS, type Change, type ChangeLabels } from "@/lib/shared/changes/change";
import { kindLabel } from "@/lib/shared/changes/describe";
import { kindCell, widensBadge, type ChangeRow } from "./change-rows";
import { CHANGES_COLUMN_SIZES as SIZE } from "./column-sizes";

export { toRows, type ChangeRow } from "./change-rows";

/* The Changes table: one row per change, filters by kind, organization, group, role, person and access. */

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
      size: SIZE.kind,
      meta: { label: "Change", variant: "multiSelect", options: CHANGE_KINDS.map((k) => ({ value: k, label: kindLabel(k) })), urlKey: "kind", csv: { header: "kind", value: (r) => r.change.kind } },
      cell: ({ row }) => kindCell(row.original),
    },
    {
      id: "widens",
      accessorFn: (r) => (r.widens ? "widens" : "other"),
      header: "Access",
      size: SIZE.widens,
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
      cell: ({ row }) => widensBadge(row.original),
    },
    {
      id: "summary",
      accessorKey: "summary",
      header: "What changed",
      size: SIZE.summary,
      meta: { label: "What changed", searchable: true, csv: { header: "summary", value: (r) => r.summary } },
      cell: ({ row }) => <span title={row.original.summary}>{row.original.summary}</span>,
    },
    entityColumn(rows, {
      id: "organization",
      header: "Organization",
      size: SIZE.organization,
      urlKey: "org",
      key: (c) => c.organization_uuid,
      csv: { header: "organization", value: (r) => r.organization },
      href: (c) => `/organizations/${e(c.organization_uuid!)}/${c.kind === "setting_changed" ? "settings" : "users"}`,
    }),
    entityColumn(rows, { id: "person", header: "Person", size: SIZE.person, urlKey: "person", key: (c) => c.user_id, csv: { header: "user_id", value: (r) => r.change.user_id }, href: (c) => `/people/${e(c.user_id!)}` }),
    entityColumn(rows, { id: "group", header: "Group", size: SIZE.group, urlKey: "group", key: (c) => c.group_id, csv: { header: "group_id", value: (r) => r.change.group_id }, href: (c) => `/groups/${e(c.group_id!)}` }),
    entityColumn(rows, {
      id: "role",
      header: "Role",
      size: SIZE.role,
      urlKey: "role",
      key: (c) => c.role_id,
      csv: { header: "role_id", value: (r) => r.change.role_id },
      // A role seen outside any organization has no page to link to.
      href: (c) => (c.organization_uuid ? `/organizations/${e(c.organization_uuid)}/roles/${e(c.role_id!)}` : null),
    }),
  ];
}

interface EntityColumn {
  /** Also the ChangeRow field holding the entity's display name. */
  id: "organization" | "person" | "group" | "role";
  header: string;
  size: number;
  urlKey: string;
  key: (c: Change) => string | undefined;
  csv: CsvColumnSpec<ChangeRow>;
  /** Where the entity's page is; null when it has none. Called only when `key` is set. */
  href: (c: Change) => string | null;
}

/** A column naming the organization, person, group or role a change touched, filterable by id and linked to its page. */
function entityColumn(rows: readonly ChangeRow[], spec: EntityColumn): ColumnDef<ChangeRow, unknown> {
  const name = (r: ChangeRow) => r[spec.id];
  return {
    id: spec.id,
    accessorFn: (r) => spec.key(r.change) ?? "",
    header: spec.header,
    size: spec.size,
    meta: { label: spec.header, variant: "multiSelect", options: optionsOf(rows, (r) => spec.key(r.change), name), urlKey: spec.urlKey, searchable: true, csv: spec.csv },
    cell: ({ row }) => {
      const c = row.original.change;
      if (!spec.key(c)) return null;
      const href = spec.href(c);
      return href ? (
        <RowLink className={link} href={href}>
          {name(row.original)}
        </RowLink>
      ) : (
        <span>{name(row.original)}</span>
      );
    },
  };
}
