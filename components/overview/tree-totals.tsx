import { formatCount } from "@/lib/browser/format/numbers";
import type { TreeTotals } from "./use-organization-tree";

function Figure({ value, label, note }: { value: string; label: string; note?: string }) {
  return (
    <div className="min-w-40 rounded border border-slate-200 bg-white px-3 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
      {note && <dd className="text-[11px] text-slate-500">{note}</dd>}
    </div>
  );
}

/** What the tree holds, stated only once known: walks in progress say "so far". */
export function TreeTotalsBar({ totals }: { totals: TreeTotals }) {
  const { organizations: orgs, groups } = totals;
  const orgCount = orgs.status === "complete" ? formatCount(orgs.rows.length) : orgs.status === "error" ? "—" : `${formatCount(orgs.loaded)}…`;
  const n = orgs.rows.length;
  const usersKnown = totals.uniqueUsers !== null;
  const usersBlocked = !usersKnown && totals.usersFailed > 0;
  const partialNote = usersBlocked
    ? `${formatCount(totals.usersFailed)} ${totals.usersFailed === 1 ? "organization's" : "organizations'"} users could not be counted`
    : `counted in ${formatCount(totals.usersCounted)} of ${orgs.status === "complete" ? formatCount(n) : "?"} organizations`;
  return (
    <dl className="flex flex-wrap gap-2">
      <Figure value={orgCount} label="Organizations" note={orgs.status === "complete" ? "linked under the parent" : "loading the list"} />
      <Figure
        value={usersKnown ? formatCount(totals.uniqueUsers!) : usersBlocked ? "—" : "…"}
        label="Unique users"
        note={usersKnown ? "distinct user ids across organizations" : partialNote}
      />
      <Figure
        value={usersKnown ? formatCount(totals.memberships) : totals.memberships ? `${formatCount(totals.memberships)}+` : usersBlocked ? "—" : "…"}
        label="Memberships"
        note={usersKnown ? "user × organization" : usersBlocked ? "incomplete: see the error below" : "so far"}
      />
      <Figure
        value={groups.status === "complete" ? formatCount(groups.rows.length) : groups.status === "error" ? "—" : `${formatCount(groups.loaded)}…`}
        label="Groups"
        note={groups.status === "complete" ? "parent-wide" : groups.status === "error" ? "could not be loaded" : "loading"}
      />
    </dl>
  );
}
