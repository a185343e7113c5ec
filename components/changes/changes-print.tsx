"use client";

import type { Table } from "@tanstack/react-table";
import { PrintHeader, PrintLayout, PrintTable } from "@/components/print";
import type { ChangeRow } from "./changes-table-columns";

/*
 * The Changes page on paper (issue 11, item 5): every change the view's search and filters match,
 * not only the rows the virtualised table has in view, under the pair of syncs it compares.
 */

export function ChangesPrint({ table, from, to, summary }: { table: Table<ChangeRow>; from: string; to: string; summary?: string }) {
  const rows = table.getRowModel().rows.map((r) => r.original);
  return (
    <PrintLayout>
      <PrintHeader title={`Changes from sync ${from} to sync ${to}`} syncId={to} summary={summary} />
      <PrintTable
        caption="Changes"
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: "Change", cell: (r) => r.summary },
          { header: "Widens access", cell: (r) => (r.widens ? "yes" : "") },
          { header: "Organization", cell: (r) => r.organization },
          { header: "Group", cell: (r) => r.group },
          { header: "Role", cell: (r) => r.role },
          { header: "Person", cell: (r) => r.person },
        ]}
        empty="No changes between these two syncs."
      />
    </PrintLayout>
  );
}
