"use client";

import { AppLink } from "@/components/shell/app-link";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo } from "react";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { directorySearchQuery } from "@/components/shell/directory-search-query";
import type { ApiError } from "@/lib/browser/query/api-error";
import { hrefWithAsOf, viewAsOf } from "@/lib/browser/query/as-of";
import { personHref } from "./links";

/*
 * /people/<email>: an email from HR opens the person. One person with it: replaced by their page
 * (Back returns to where the officer came from, not to this step). Several (two user ids sharing an
 * email): a choice. None: said plainly.
 */
export function PersonByEmail({ email }: { email: string }) {
  const router = useRouter();
  const answer = useQuery(directorySearchQuery(email));
  const wanted = email.trim().toLowerCase();
  const people = useMemo(
    () => (answer.data?.results ?? []).filter((r) => r.kind === "person" && r.match === "exact" && r.detail.trim().toLowerCase() === wanted),
    [answer.data, wanted],
  );
  const only = people.length === 1 ? people[0]! : null;

  useEffect(() => {
    if (only) router.replace(hrefWithAsOf(personHref(only.id), viewAsOf()));
  }, [only, router]);

  return (
    <div className="flex flex-col gap-2 p-4">
      <h1 className="text-lg font-semibold text-slate-900">
        People with the email <span className="font-mono text-base">{email}</span>
      </h1>
      {answer.isPending && <p role="status" className="text-sm text-slate-600">Looking up {email}…</p>}
      {answer.isError && <ErrorNotice error={answer.error as ApiError} onRetry={() => void answer.refetch()} />}
      {only && <p role="status" className="text-sm text-slate-600">Opening {only.label}…</p>}
      {answer.isSuccess && people.length === 0 && (
        <p role="status" className="text-sm text-slate-700">
          No one in the directory has this email. Check the spelling, or search{" "}
          <AppLink href={`/people?q=${encodeURIComponent(email)}`} className="text-brand-700 hover:underline">
            People
          </AppLink>
          .
        </p>
      )}
      {people.length > 1 && (
        <>
          <p className="text-sm text-slate-700">{people.length} user ids have this email. Choose one:</p>
          <ul className="flex flex-col gap-1 text-sm">
            {people.map((p) => (
              <li key={p.id}>
                <AppLink href={personHref(p.id)} className="text-brand-700 hover:underline">
                  {p.label}
                </AppLink>{" "}
                <span className="font-mono text-xs text-slate-600">{p.id}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
