import type { Resolution, ResolvedEntryWire, SourceRecord } from "@/lib/shared/seed-lists/schema";
import type { EntryRow, PersonRow } from "./resolution-columns";
import { sourceLabel } from "./source-label";

/* A resolution as the rows of its four lists. Pure, so the page and tests derive them alike. */

export function personRows(resolution: Resolution): PersonRow[] {
  const enteredAs = new Map<string, string[]>();
  for (const e of resolution.entries) {
    if (e.status !== "matched") continue;
    for (const id of e.user_ids ?? []) enteredAs.set(id, [...(enteredAs.get(id) ?? []), e.input.trim()]);
  }
  return resolution.people.map((p) => ({
    user_id: p.user_id,
    email: p.email,
    full_name: p.full_name,
    organizations: p.organization_names.join(", "),
    organization_uuids: p.organization_uuids.join("\n"),
    matched_by: (enteredAs.get(p.user_id) ?? []).join(", "),
  }));
}

function why(e: ResolvedEntryWire, entries: readonly ResolvedEntryWire[]): string {
  switch (e.reason) {
    case "not_found":
      return e.kind === "user_id" ? "No directory user has this id" : "No directory user has this email";
    case "not_an_email_or_id":
      return "Not an email or a user_… id";
    case "same_entry":
    case "same_person": {
      const first = e.duplicate_of !== undefined ? entries[e.duplicate_of] : undefined;
      const what = e.reason === "same_entry" ? "Repeats" : "Same person as";
      return first ? `${what} entry #${first.index + 1} (${first.input.trim()})` : what;
    }
    default:
      return e.status === "blank" ? "Blank, ignored" : "";
  }
}

export function entryRows(resolution: Resolution, sources: readonly SourceRecord[], status: "unmatched" | "duplicate" | "blank"): EntryRow[] {
  return resolution.entries
    .filter((e) => e.status === status)
    .map((e) => ({
      index: e.index,
      number: e.index + 1,
      input: status === "blank" ? "(blank)" : e.input,
      from: sources[e.source] ? sourceLabel(sources[e.source]!) : "",
      why: why(e, resolution.entries),
    }));
}
