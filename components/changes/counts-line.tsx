import { CHANGE_KINDS, type ChangeKind } from "@/lib/shared/changes/change";
import { kindWords } from "@/lib/shared/changes/describe";
import type { ChangesSummary } from "./change-queries";
import { countOf } from "@/lib/browser/format/numbers";

/*
 * The counts at the top of the Changes page, in words: "3 joined, 1 left, 2 new admins,
 * 14 group memberships added, 1 setting changed in Acme Legal".
 */

export function countsInWords(summary: Pick<ChangesSummary, "counts" | "organizations">, newAdmins: number | undefined): string {
  const parts: string[] = [];
  for (const kind of CHANGE_KINDS) {
    const n = summary.counts[kind] ?? 0;
    if (kind === "setting_changed") {
      // Settings belong to an organization: say which.
      const orgs = summary.organizations.filter((o) => (o.counts.setting_changed ?? 0) > 0);
      for (const o of orgs.slice(0, 3)) parts.push(`${kindWords(kind, o.counts.setting_changed!)} in ${o.name}`);
      if (orgs.length > 3) parts.push(`${kindWords(kind, orgs.slice(3).reduce((s, o) => s + (o.counts.setting_changed ?? 0), 0))} in ${orgs.length - 3} more organizations`);
      continue;
    }
    if (n > 0) parts.push(kindWords(kind as ChangeKind, n));
    if (kind === "member_changed" && newAdmins) parts.push(countOf(newAdmins, "new admin"));
  }
  return parts.length ? parts.join(", ") : "No changes";
}

export function CountsLine({ summary, newAdmins }: { summary: ChangesSummary; newAdmins: number | undefined }) {
  return (
    <p className="text-sm text-slate-800" data-testid="changes-counts">
      {countsInWords(summary, newAdmins)}
    </p>
  );
}
