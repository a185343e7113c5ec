"use client";

import { PrintHeader, PrintLayout, PrintTable, type PrintColumn } from "@/components/print";
import type { ReconciliationRow } from "@/lib/shared/reconciliation/schema";
import type { ReconciliationRun } from "@/lib/shared/reconciliation/saved-schema";

/* A reconciliation run on paper (issue 11, item 5): all three lists and the entries not read, every row. */

const columns: PrintColumn<ReconciliationRow>[] = [
  { header: "Name", cell: (r) => r.full_name },
  { header: "Email", cell: (r) => r.email },
  { header: "User id", cell: (r) => r.user_id ?? "not in the directory" },
  { header: "Expected entry", cell: (r) => r.input ?? "" },
];

export function ReconciliationPrint({ title, expectedFrom, run }: { title: string; expectedFrom: string; run: ReconciliationRun }) {
  const r = run.result;
  return (
    <PrintLayout>
      <PrintHeader
        title={title}
        syncId={run.sync_id}
        syncAt={run.directory_built_at}
        summary={`Group ${r.group.name} (${r.group.id}) against ${expectedFrom} · run #${run.number} by ${run.ran_by} at ${run.ran_at}`}
      />
      <PrintTable caption="Unexpected access" rows={r.unexpected} columns={columns} />
      <PrintTable caption="Missing" rows={r.missing} columns={columns} />
      <PrintTable caption="In both" rows={r.in_both} columns={columns} />
      <PrintTable
        caption="Expected entries not read"
        rows={r.skipped}
        columns={[
          { header: "#", cell: (s) => s.index + 1 },
          { header: "Entry", cell: (s) => s.input },
          { header: "Why", cell: (s) => s.reason.replaceAll("_", " ") },
        ]}
      />
    </PrintLayout>
  );
}
