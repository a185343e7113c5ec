"use client";

import { comparisonIsEmpty } from "@/lib/shared/seed-lists/compare";
import { formatCount } from "@/lib/browser/format/numbers";
import type { ResolutionComparison, SeedPerson } from "@/lib/shared/seed-lists/schema";

/*
 * A resolution against an earlier one of the same list: who is new, who is gone, which entries
 * stopped (or started) matching, whose details changed. Lists are short in practice; each is
 * capped on screen with the rest counted.
 */

const SHOWN = 50;

function person(p: SeedPerson): string {
  return `${p.full_name || "(no name)"} <${p.email}> ${p.user_id}`;
}

function Part({ title, items, tone }: { title: string; items: string[]; tone: "add" | "remove" | "info" }) {
  if (items.length === 0) return null;
  const color = tone === "add" ? "text-emerald-800" : tone === "remove" ? "text-red-800" : "text-slate-800";
  return (
    <details className="rounded border border-slate-200 bg-white px-2 py-1" open={items.length <= 10}>
      <summary className={`cursor-pointer text-sm font-medium ${color}`}>
        {title} ({formatCount(items.length)})
      </summary>
      <ul className="mt-1 space-y-0.5 font-mono text-xs text-slate-700">
        {items.slice(0, SHOWN).map((s, i) => (
          <li key={i}>{s}</li>
        ))}
        {items.length > SHOWN && <li className="font-sans text-slate-500">and {formatCount(items.length - SHOWN)} more</li>}
      </ul>
    </details>
  );
}

export function ComparisonView({ comparison }: { comparison: ResolutionComparison }) {
  const c = comparison;
  return (
    <section aria-labelledby="seed-compare" className="flex flex-col gap-2 rounded border border-slate-200 bg-slate-50 p-3">
      <h2 id="seed-compare" className="text-sm font-semibold text-slate-900">
        Resolution #{c.later} compared with #{c.earlier}
      </h2>
      {comparisonIsEmpty(c) ? (
        <p className="text-sm text-slate-700">No change: the same people, with the same emails, names and organizations, and the same entries unmatched.</p>
      ) : (
        <div className="flex flex-col gap-1">
          <p className="text-sm text-slate-700">
            {formatCount(c.added.length)} added, {formatCount(c.removed.length)} removed, {formatCount(c.newly_unmatched.length)} newly unmatched,{" "}
            {formatCount(c.newly_matched.length)} newly matched, {formatCount(c.changed.length)} changed.
          </p>
          <Part title="Added: matched now, not before" items={c.added.map(person)} tone="add" />
          <Part title="Removed: matched before, not now" items={c.removed.map(person)} tone="remove" />
          <Part title="Newly unmatched entries" items={c.newly_unmatched.map((e) => `#${e.index + 1} ${e.input.trim()}`)} tone="remove" />
          <Part title="Newly matched entries" items={c.newly_matched.map((e) => `#${e.index + 1} ${e.input.trim()}`)} tone="add" />
          <Part title="Changed details" items={c.changed.map((x) => `${x.after.user_id}: ${x.fields.join(", ")} (was ${person(x.before)})`)} tone="info" />
        </div>
      )}
    </section>
  );
}
