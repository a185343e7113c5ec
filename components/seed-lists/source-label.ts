import type { SourceRecord } from "@/lib/shared/seed-lists/schema";

/** A source as one short phrase, for the entry tables' "From" column. */
export function sourceLabel(s: SourceRecord): string {
  switch (s.kind) {
    case "paste":
      return "pasted";
    case "csv":
      return `${s.filename} (${s.column_name})`;
    case "group":
      return `group ${s.group_name}`;
    case "selection":
      return `selected in ${s.label}`;
  }
}
