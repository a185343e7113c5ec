"use client";

import { countOf, formatCount } from "@/lib/browser/format/numbers";
import { formatDateTime, formatUtc } from "@/lib/browser/format/dates";
import type { PeopleDirectory } from "./directory-queries";

/** The directory's size and age: what the counts below were computed from. */
export function DirectoryAsOf({ data }: { data: Pick<PeopleDirectory, "builtAt" | "counts"> }) {
  const c = data.counts;
  return (
    <p className="text-xs text-slate-600">
      {countOf(c.people, "person", "people")} · {countOf(c.memberships, "membership")} in {countOf(c.organizations, "organization")} ·{" "}
      {countOf(c.groups, "group")}
      {c.peopleOutsideOrganizations > 0 && <span className="text-amber-800"> · {formatCount(c.peopleOutsideOrganizations)} in a group but no organization</span>} ·
      directory as of{" "}
      <time dateTime={new Date(data.builtAt).toISOString()} title={formatUtc(data.builtAt)}>
        {formatDateTime(data.builtAt)}
      </time>
    </p>
  );
}
