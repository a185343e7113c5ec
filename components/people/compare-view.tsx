"use client";

import { useQuery } from "@tanstack/react-query";
import { AppLink } from "@/components/shell/app-link";
import { useRouter, useSearchParams } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { IdCell } from "@/components/data-table/cells";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { classifyEntry, normalizeEmail } from "@/lib/shared/directory/entries";
import type { PersonDetail } from "@/lib/shared/directory/wire";
import { formatCount } from "@/lib/browser/format/numbers";
import { ApiError, shownError } from "@/lib/browser/query/api-error";
import { comparePeople, permissionsIncomplete, type CategoryDiff, type HeldItem } from "./compare-people";
import { DirectoryProgressLine } from "./directory-progress-line";
import { fetchPeople } from "./people-query";
import { directoryKeys } from "@/lib/browser/query/keys";
import { compareHref, personHref } from "./links";
import { usePersonDetail } from "./person-detail-view";

/*
 * Two people side by side: what one holds that the other does not, per category. Either side may
 * be named by id or by email (an email is looked up in the directory snapshot).
 */

type Side = { userId?: string; error?: ApiError; resolving: boolean };

/** A side's `user_...` id: as given, or looked up by email in the People directory (on the server). */
function useSideId(raw: string): Side {
  const entry = useMemo(() => classifyEntry(raw), [raw]);
  const needsLookup = entry.kind === "email";
  const people = useQuery({
    queryKey: directoryKeys.peopleQuery(`email:${entry.value}`, 0),
    queryFn: ({ signal }) => fetchPeople({ q: entry.value, limit: 50, facets: false }, signal),
    enabled: needsLookup,
    retry: false,
  });
  if (entry.kind === "user_id") return { userId: entry.value, resolving: false };
  if (entry.kind === "blank") return { resolving: false, error: new ApiError({ type: "invalid_request", status: 400, message: "Name two people: a user_… id or an email for each side." }) };
  if (!needsLookup) {
    return { resolving: false, error: new ApiError({ type: "invalid_request", status: 400, message: `"${raw}" is neither a user_… id nor an email.` }) };
  }
  const failed = shownError(people.error);
  if (failed) return { resolving: false, error: failed };
  if (!people.data) return { resolving: true };
  const email = normalizeEmail(entry.value);
  const hit = people.data.rows.find((r) => normalizeEmail(r.email) === email);
  if (!hit) return { resolving: false, error: new ApiError({ type: "not_found", status: 404, message: `No one in the directory has the email ${raw}.` }) };
  return { userId: hit.id, resolving: false };
}

function ItemList({ items, empty }: { items: HeldItem[]; empty: string }) {
  if (items.length === 0) return <p className="text-xs text-slate-500">{empty}</p>;
  return (
    <ul className="space-y-0.5">
      {items.map((i) => (
        <li key={i.key} className="text-sm">
          {i.label}
          {i.detail && <span className="block text-xs text-slate-500">{i.detail}</span>}
        </li>
      ))}
    </ul>
  );
}

function CategoryRow({ diff, nameA, nameB }: { diff: CategoryDiff; nameA: string; nameB: string }) {
  const same = diff.onlyA.length === 0 && diff.onlyB.length === 0;
  return (
    <section aria-labelledby={`cmp-${diff.category}`} className="mt-4">
      <h2 id={`cmp-${diff.category}`} className="text-sm font-semibold text-slate-900">
        {diff.title}
        <span className="font-normal text-slate-600">
          {same ? `: the same (${formatCount(diff.both.length)})` : `: ${formatCount(diff.onlyA.length)} only ${nameA}, ${formatCount(diff.onlyB.length)} only ${nameB}, ${formatCount(diff.both.length)} both`}
        </span>
      </h2>
      {!same && (
        <div className="mt-1 grid grid-cols-2 gap-3">
          <div className="rounded border border-slate-200 p-2">
            <h3 className="mb-1 text-xs font-medium text-slate-600">Only {nameA}</h3>
            <ItemList items={diff.onlyA} empty="Nothing." />
          </div>
          <div className="rounded border border-slate-200 p-2">
            <h3 className="mb-1 text-xs font-medium text-slate-600">Only {nameB}</h3>
            <ItemList items={diff.onlyB} empty="Nothing." />
          </div>
        </div>
      )}
      {diff.both.length > 0 && (
        <details className="mt-1 text-xs text-slate-600">
          <summary className="cursor-pointer">Held by both ({formatCount(diff.both.length)})</summary>
          <div className="mt-1 pl-3">
            <ItemList items={diff.both} empty="" />
          </div>
        </details>
      )}
    </section>
  );
}

function CompareForm({ a, b }: { a: string; b: string }) {
  const router = useRouter();
  const id = useId();
  const [va, setA] = useState(a);
  const [vb, setB] = useState(b);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        router.push(compareHref(va.trim(), vb.trim()));
      }}
    >
      <div>
        <label htmlFor={`${id}-a`} className="block text-xs text-slate-600">First person (id or email)</label>
        <input id={`${id}-a`} value={va} onChange={(e) => setA(e.target.value)} spellCheck={false} className="h-7 w-72 rounded border border-slate-300 px-2 text-xs" />
      </div>
      <div>
        <label htmlFor={`${id}-b`} className="block text-xs text-slate-600">Second person (id or email)</label>
        <input id={`${id}-b`} value={vb} onChange={(e) => setB(e.target.value)} spellCheck={false} className="h-7 w-72 rounded border border-slate-300 px-2 text-xs" />
      </div>
      <button type="submit" className="h-7 rounded border border-slate-300 bg-white px-2 text-xs hover:bg-slate-50">Compare</button>
      <button type="button" onClick={() => router.push(compareHref(vb.trim(), va.trim()))} className="h-7 rounded border border-slate-300 bg-white px-2 text-xs hover:bg-slate-50">
        Swap
      </button>
    </form>
  );
}

function PersonCard({ detail, letter }: { detail: PersonDetail; letter: string }) {
  const p = detail.person;
  return (
    <div className="min-w-0 rounded border border-slate-200 p-2">
      <p className="text-xs text-slate-500">{letter}</p>
      <AppLink href={personHref(p.id)} className="font-medium text-brand-700 hover:underline">
        {p.full_name || p.email || p.id}
      </AppLink>
      <p className="text-xs text-slate-600">{p.email}</p>
      <IdCell value={p.id} label="user id" />
    </div>
  );
}

function Comparison({ idA, idB }: { idA: string; idB: string }) {
  const A = usePersonDetail(idA);
  const B = usePersonDetail(idB);
  const a = A.data;
  const b = B.data;
  const diffs = useMemo(() => (a && b ? comparePeople(a, b) : null), [a, b]);
  const loading = A.phase === "loading" ? A : B.phase === "loading" ? B : null;
  const cancelled = A.phase === "cancelled" || B.phase === "cancelled";

  return (
    <>
      {loading && <DirectoryProgressLine progress={loading.progress} onCancel={() => (A.cancel(), B.cancel())} />}
      {cancelled && (
        <p role="status" className="mt-2 text-sm text-slate-600">
          Cancelled.{" "}
          <button type="button" className="underline" onClick={() => (A.retry(), B.retry())}>
            Load again
          </button>
        </p>
      )}
      {A.error && <ErrorNotice error={A.error} onRetry={A.retry} />}
      {B.error && <ErrorNotice error={B.error} onRetry={B.retry} />}
      {a && b && diffs && (
        <>
          <div className="mt-3 grid grid-cols-2 gap-3">
            <PersonCard detail={a} letter="First" />
            <PersonCard detail={b} letter="Second" />
          </div>
          {(permissionsIncomplete(a) || permissionsIncomplete(b)) && (
            <p role="alert" className="mt-2 rounded border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-900">
              Some roles&apos; permissions could not be loaded, so the permission comparison is incomplete. Open each person for details.
            </p>
          )}
          {idA === idB && <p className="mt-2 text-xs text-slate-600">Both sides are the same person.</p>}
          {diffs.map((d) => (
            <CategoryRow key={d.category} diff={d} nameA={a.person.full_name || a.person.email || "first"} nameB={b.person.full_name || b.person.email || "second"} />
          ))}
        </>
      )}
    </>
  );
}

export function CompareView() {
  const params = useSearchParams();
  const a = params.get("a") ?? "";
  const b = params.get("b") ?? "";
  const sideA = useSideId(a);
  const sideB = useSideId(b);

  return (
    <div className="p-4 pb-8">
      <h1 className="text-lg font-semibold text-slate-900">Compare two people</h1>
      <p className="text-xs text-slate-600">What one holds that the other does not: organizations, organization roles, groups, roles and permissions.</p>
      <div className="mt-2">
        <CompareForm key={`${a}|${b}`} a={a} b={b} />
      </div>
      {(sideA.resolving || sideB.resolving) && (
        <p role="status" className="mt-2 text-xs text-slate-600">
          Looking up the email in the directory…
        </p>
      )}
      {a && sideA.error && <div className="mt-2"><ErrorNotice error={sideA.error} /></div>}
      {b && sideB.error && <div className="mt-2"><ErrorNotice error={sideB.error} /></div>}
      {sideA.userId && sideB.userId && <Comparison idA={sideA.userId} idB={sideB.userId} />}
    </div>
  );
}
