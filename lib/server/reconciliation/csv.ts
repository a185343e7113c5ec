import type { GroupReconciliation, ReconciliationRow, UnknownGroup } from "@/lib/shared/reconciliation/schema";

/*
 * The CSV rows of a reconciliation (written through lib/shared/csv by the caller): one file per list,
 * and one combined file for a bulk review that names the group on every row.
 */

export const RECONCILIATION_LIST_HEADER = ["status", "email", "user_id", "full_name", "expected_entry"] as const;

export function reconciliationListRows(rows: readonly ReconciliationRow[]): string[][] {
  return rows.map((r) => [r.status, r.email, r.user_id ?? "", r.full_name, r.input ?? ""]);
}

export const COMBINED_HEADER = ["group_id", "group_name", "status", "email", "user_id", "full_name"] as const;

/**
 * Every group's three lists, then the records naming groups that do not exist (status
 * `unknown_group`, the name as given, no id) and entries that are not emails or ids
 * (`not_understood`), so the file accounts for every record of the input.
 */
export function combinedRows(results: readonly GroupReconciliation[], unknown: readonly UnknownGroup[] = []): string[][] {
  const out: string[][] = [];
  for (const r of results) {
    for (const list of [r.in_both, r.unexpected, r.missing]) {
      for (const row of list) out.push([r.group.id, r.group.name, row.status, row.email, row.user_id ?? "", row.full_name]);
    }
    for (const s of r.skipped) if (s.reason === "not_an_email_or_id") out.push([r.group.id, r.group.name, "not_understood", s.input, "", ""]);
  }
  for (const u of unknown) {
    const status = u.ambiguous_ids ? "ambiguous_group" : "unknown_group";
    for (const e of u.entries) out.push(["", u.name, status, e, "", ""]);
  }
  return out;
}
