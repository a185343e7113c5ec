"use client";

import { PrintHeader, PrintLayout, PrintTable } from "@/components/print";
import type { SeedListDetail } from "@/lib/shared/seed-lists/schema";

/* A seed list's shown resolution on paper (issue 11, item 5): every person and every entry not matched. */

export function SeedListPrint({ detail }: { detail: SeedListDetail }) {
  const r = detail.resolution;
  const notMatched = r.entries.filter((e) => e.status !== "matched" && e.kind !== "blank");
  return (
    <PrintLayout>
      <PrintHeader
        title={`Seed list ${detail.meta.name}`}
        summary={`${detail.meta.id} · from ${detail.meta.input_summary} · resolution #${detail.shown} by ${r.resolved_by} at ${r.resolved_at}`}
        syncAt={r.directory_built_at}
      />
      <PrintTable
        caption="People"
        rows={r.people}
        rowKey={(p) => p.user_id}
        columns={[
          { header: "Name", cell: (p) => p.full_name },
          { header: "Email", cell: (p) => p.email },
          { header: "User id", cell: (p) => p.user_id },
          { header: "Organizations", cell: (p) => p.organization_names.join(", ") },
        ]}
      />
      <PrintTable
        caption="Entries not matched"
        rows={notMatched}
        rowKey={(e) => String(e.index)}
        columns={[
          { header: "#", cell: (e) => e.index + 1 },
          { header: "Entry", cell: (e) => e.input },
          { header: "Status", cell: (e) => (e.reason ? `${e.status} (${e.reason.replaceAll("_", " ")})` : e.status) },
        ]}
      />
    </PrintLayout>
  );
}
