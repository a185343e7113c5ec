import { formatCount } from "@/lib/browser/format/numbers";
import type { StoredOverview } from "@/lib/shared/directory/tree-wire";
import type { TreeTotals } from "./use-organization-tree";

export interface TreeFigure {
  label: string;
  value: string;
  note?: string;
}

function Figure({ value, label, note }: TreeFigure) {
  return (
    <div className="min-w-40 rounded border border-slate-200 bg-white px-3 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
      {note && <dd className="text-[11px] text-slate-500">{note}</dd>}
    </div>
  );
}

export function TreeTotalsBar({ figures }: { figures: readonly TreeFigure[] }) {
  return (
    <dl className="flex flex-wrap gap-2">
      {figures.map((f) => (
        <Figure key={f.label} {...f} />
      ))}
    </dl>
  );
}

const USERS_NOTE = "distinct user ids across organizations";
const MEMBERSHIPS_NOTE = "user × organization";

/** Counted by the server from one sync: every figure is whole. */
export function storedFigures(o: StoredOverview): TreeFigure[] {
  return [
    { label: "Organizations", value: formatCount(o.organizations.length), note: "linked under the parent" },
    { label: "Unique users", value: formatCount(o.uniqueUsers), note: USERS_NOTE },
    { label: "Memberships", value: formatCount(o.memberships), note: MEMBERSHIPS_NOTE },
    { label: "Groups", value: formatCount(o.groups), note: "parent-wide" },
  ];
}

/** Before the server's answer: nothing is stated. */
export const PENDING_FIGURES: readonly TreeFigure[] = ["Organizations", "Unique users", "Memberships", "Groups"].map((label) => ({ label, value: "…" }));

/** Counted in the browser through the live routes: stated only once known; walks in progress say "so far". */
export function liveFigures(totals: TreeTotals): TreeFigure[] {
  const { organizations: orgs, groups } = totals;
  const orgCount = orgs.status === "complete" ? formatCount(orgs.rows.length) : orgs.status === "error" ? "—" : `${formatCount(orgs.loaded)}…`;
  const n = orgs.rows.length;
  const usersKnown = totals.uniqueUsers !== null;
  const usersBlocked = !usersKnown && totals.usersFailed > 0;
  const partialNote = usersBlocked
    ? `${formatCount(totals.usersFailed)} ${totals.usersFailed === 1 ? "organization's" : "organizations'"} users could not be counted`
    : `counted in ${formatCount(totals.usersCounted)} of ${orgs.status === "complete" ? formatCount(n) : "?"} organizations`;
  return [
    { label: "Organizations", value: orgCount, note: orgs.status === "complete" ? "linked under the parent" : "loading the list" },
    {
      label: "Unique users",
      value: usersKnown ? formatCount(totals.uniqueUsers!) : usersBlocked ? "—" : "…",
      note: usersKnown ? USERS_NOTE : partialNote,
    },
    {
      label: "Memberships",
      value: usersKnown ? formatCount(totals.memberships) : totals.memberships ? `${formatCount(totals.memberships)}+` : usersBlocked ? "—" : "…",
      note: usersKnown ? MEMBERSHIPS_NOTE : usersBlocked ? "incomplete: see the error below" : "so far",
    },
    {
      label: "Groups",
      value: groups.status === "complete" ? formatCount(groups.rows.length) : groups.status === "error" ? "—" : `${formatCount(groups.loaded)}…`,
      note: groups.status === "complete" ? "parent-wide" : groups.status === "error" ? "could not be loaded" : "loading",
    },
  ];
}
