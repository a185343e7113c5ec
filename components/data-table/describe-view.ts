import type { Table } from "@tanstack/react-table";
import type { DateRangeValue } from "./url-parsers";
import { parseSearch } from "../../lib/shared/data-table/search-query";

/** The current search and filters in words ("Role: admin, owner"), for the CSV dialog and counts. */
export function describeView<TData>(table: Table<TData>): string[] {
  const out: string[] = [];
  const search = String(table.getState().globalFilter ?? "").trim();
  if (search) {
    const m = parseSearch(search);
    out.push(m.kind === "list" ? `Search: a list of ${m.entries.length} ids/emails` : `Search: "${search.length > 60 ? `${search.slice(0, 60)}…` : search}"`);
  }
  for (const f of table.getState().columnFilters) {
    const column = table.getColumn(f.id);
    const label = column?.columnDef.meta?.label ?? f.id;
    const v = f.value;
    if (Array.isArray(v)) out.push(`${label}: ${v.join(", ")}`);
    else if (v && typeof v === "object") {
      const r = v as DateRangeValue;
      out.push(`${label}: ${r.from ?? "any"} to ${r.to ?? "any"}`);
    } else if (v) out.push(`${label} contains "${String(v)}"`);
  }
  return out;
}
