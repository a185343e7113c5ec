"use client";
import { useOfficer } from "@/components/shell/officer-context";
import { formatDateTime } from "@/lib/format/dates";
import { organizationRoleLabel } from "@/lib/format/organization-roles";
import type { PrivilegedRow } from "@/lib/privileged/wire";

/*
 * What the browser prints: every row of the current view (the screen table is virtualised, so it
 * cannot print), under a header naming the sync, the time and the officer.
 */
export function PrintedPrivilegedTable({ rows, syncAt }: { rows: PrivilegedRow[]; syncAt: string | null }) {
  const officer = useOfficer();
  return (
    <section className="hidden print:block" aria-hidden="true">
      <p className="mb-2 text-xs">
        Privileged access · directory as of {syncAt ? formatDateTime(Date.parse(syncAt)) : "the live API"} · printed {formatDateTime(Date.now())} by {officer?.name ?? "?"} ·{" "}
        <span data-testid="privileged-shown">{rows.length}</span> rows
      </p>
      <table className="w-full border-collapse text-[10px]">
        <thead>
          <tr>
            {["Organization", "Person", "Email", "Access", "Path", "New"].map((h) => (
              <th key={h} className="border-b border-black px-1 text-left">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="break-inside-avoid">
              <td className="px-1">{r.organization_name}</td>
              <td className="px-1">{r.full_name}</td>
              <td className="px-1">{r.email}</td>
              <td className="px-1">{r.source === "organization_role" ? organizationRoleLabel(r.access) : r.access}</td>
              <td className="px-1">{r.group_name ? `${r.group_name} → ${r.role_name}` : "organization role"}</td>
              <td className="px-1">{r.new_since ? "new" : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
