"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { countOf, formatCount } from "@/lib/browser/format/numbers";
import { organizationsQuery } from "@/lib/browser/query/compliance-queries";
import { send } from "@/lib/browser/query/request";
import { useWalk } from "@/lib/browser/query/use-walk";
import { walkProgress } from "@/lib/browser/query/walk-progress";
import { Breadcrumbs } from "./breadcrumbs";
import { DataFreshness } from "./data-freshness";
import { HeaderSearch } from "./header-search";
import { useOfficer } from "./officer-context";

/** What the key reaches: the parent's organizations, once known. */
function TreeReach() {
  const orgs = useWalk(organizationsQuery());
  const text =
    orgs.status === "complete"
      ? countOf(orgs.rows.length, "organization")
      : orgs.status === "error"
        ? "organizations unavailable"
        : orgs.status === "loading" || orgs.status === "partial"
          ? `loading ${formatCount(orgs.loaded)}…`
          : "";
  return (
    <span className="text-xs text-slate-600" title="Every organization under the parent that the Compliance Access Key reaches">
      Tree: {text}
    </span>
  );
}

function LogoutButton() {
  const queryClient = useQueryClient();
  const logout = useMutation({
    mutationFn: () => send("/api/auth/logout", { method: "POST" }),
    onSettled: () => {
      // Nothing of this session stays in the tab, whatever the server answered.
      queryClient.clear();
      walkProgress.clear();
      // A full page load, not a client navigation: nothing of this session may stay in memory.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/login");
    },
  });
  return (
    <button
      type="button"
      disabled={logout.isPending}
      onClick={() => logout.mutate()}
      className="h-7 rounded border border-slate-300 bg-white px-2 text-xs text-slate-700 hover:bg-slate-50 disabled:opacity-60"
    >
      Log out
    </button>
  );
}

export function AppHeader() {
  const officer = useOfficer();
  return (
    // Wraps rather than overflowing: a running sync, a newer sync and the picker together are wider
    // than a 1,280 px window's header, and "Log out" must never be pushed out of reach. Every item
    // wraps on its own (the groups below are `contents`), so what does not fit on the title's row
    // goes to one more row, right-aligned.
    <header className="flex min-h-11 shrink-0 flex-wrap items-center justify-end gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-3 py-1">
      {/* Its own width first (a trail of four names keeps them), at least 18rem; what does not fit beside it wraps to a second line. */}
      <div className="mr-1 min-w-72 flex-[1_1_auto]">
        <Breadcrumbs />
      </div>
      <div className="contents">
        <HeaderSearch />
        <TreeReach />
        <DataFreshness />
        {officer && (
          <>
            <span
              className={`rounded px-1.5 py-0.5 text-xs font-medium ${officer.mode === "demo" ? "bg-amber-100 text-amber-900" : "bg-emerald-100 text-emerald-900"}`}
              title={officer.mode === "demo" ? "Demo mode: synthetic data from the built-in simulator" : "Live: the Compliance API of your parent organization"}
            >
              {officer.mode === "demo" ? "Demo data" : "Live"}
            </span>
            <span className="text-xs text-slate-700">
              <span className="sr-only">Logged in as </span>
              <strong className="font-medium">{officer.name}</strong> <span className="text-slate-500">({officer.role})</span>
            </span>
          </>
        )}
        <LogoutButton />
      </div>
    </header>
  );
}
