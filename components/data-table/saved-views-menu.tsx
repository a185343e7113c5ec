"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AppLink } from "@/components/shell/app-link";
import { usePathname } from "next/navigation";
import { useId, useState } from "react";
import { useOfficer } from "@/components/shell/officer-context";
import { toApiError } from "@/lib/browser/query/api-error";
import { savedViewKeys } from "@/lib/browser/query/keys";
import { fetchJson, postJson } from "@/lib/browser/query/request";
import { MAX_VIEW_NAME, savedViewListSchema, savedViewSchema, viewHref } from "@/lib/shared/views/schema";

/*
 * Saved views (issue 12, item 4): the URL is the view (every table keeps its search, filters, sort
 * and columns in the query string), so "Save view" keeps this page's path and query under a name,
 * "Views" lists the ones saved for this page (the officer's first, then everyone's) and opens
 * them, and "Copy link" puts the view's address on the clipboard to share.
 */

const btn = "h-7 rounded border border-slate-300 bg-white px-2 text-xs hover:bg-slate-50 disabled:opacity-50";

export function SavedViewsMenu() {
  const path = usePathname();
  const officer = useOfficer();
  const queryClient = useQueryClient();
  const nameId = useId();
  const [open, setOpen] = useState<"views" | "save" | null>(null);
  const [name, setName] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const views = useQuery({
    queryKey: savedViewKeys.forPath(path),
    queryFn: ({ signal }) => fetchJson("/api/views", savedViewListSchema, { signal, query: { path } }),
    enabled: open === "views",
  });
  const mine = (views.data?.views ?? []).filter((v) => v.created_by === officer?.name);
  const others = (views.data?.views ?? []).filter((v) => v.created_by !== officer?.name);

  const save = useMutation({
    mutationFn: () => postJson("/api/views", { name, path, query: window.location.search.replace(/^\?/, "") }, savedViewSchema),
    onMutate: () => setMessage(null),
    onSuccess: async (view) => {
      await queryClient.invalidateQueries({ queryKey: savedViewKeys.forPath(path) });
      setMessage(`Saved “${view.name}”.`);
      setName("");
      setOpen(null);
    },
    onError: (e) => setMessage(toApiError(e).message),
  });

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setMessage("Link copied: it opens this view.");
    } catch {
      setMessage(`Copy this address: ${window.location.href}`);
    }
  }

  const list = (title: string, items: typeof mine) =>
    items.length > 0 && (
      <li>
        <p className="px-2 pt-1 text-[11px] font-medium text-slate-500">{title}</p>
        <ul>
          {items.map((v) => (
            <li key={v.id}>
              <AppLink href={viewHref(v)} onClick={() => setOpen(null)} className="block px-2 py-0.5 text-xs text-brand-700 hover:bg-slate-50 hover:underline">
                {v.name}
                {v.created_by !== officer?.name && <span className="text-slate-500"> ({v.created_by})</span>}
              </AppLink>
            </li>
          ))}
        </ul>
      </li>
    );

  return (
    <div className="relative flex items-center gap-1 print:hidden">
      <button type="button" className={btn} aria-expanded={open === "views"} onClick={() => setOpen(open === "views" ? null : "views")}>
        Views
      </button>
      <button type="button" className={btn} aria-expanded={open === "save"} onClick={() => setOpen(open === "save" ? null : "save")}>
        Save view
      </button>
      <button type="button" className={btn} onClick={() => void copyLink()}>
        Copy link
      </button>
      {message && (
        <span role="status" className="max-w-xs truncate text-xs text-slate-600" title={message}>
          {message}
        </span>
      )}
      {open === "views" && (
        <div role="dialog" aria-label="Saved views of this page" className="absolute top-8 right-0 z-20 w-72 rounded border border-slate-200 bg-white py-1 shadow">
          {views.isPending ? (
            <p className="px-2 text-xs text-slate-600">Loading…</p>
          ) : views.error ? (
            <p className="px-2 text-xs text-red-800">{toApiError(views.error).message}</p>
          ) : mine.length + others.length === 0 ? (
            <p className="px-2 text-xs text-slate-600">No saved views of this page yet.</p>
          ) : (
            <ul>
              {list("Yours", mine)}
              {list("Everyone's", others)}
            </ul>
          )}
        </div>
      )}
      {open === "save" && (
        <form
          role="dialog"
          aria-label="Save this view"
          className="absolute top-8 right-0 z-20 flex w-80 items-center gap-1 rounded border border-slate-200 bg-white p-2 shadow"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <label htmlFor={nameId} className="text-xs text-slate-700">
            Name
          </label>
          <input id={nameId} value={name} maxLength={MAX_VIEW_NAME} onChange={(e) => setName(e.target.value)} autoFocus className="h-7 min-w-0 flex-1 rounded border border-slate-300 px-2 text-xs" />
          <button type="submit" className={btn} disabled={!name.trim()}>
            Save
          </button>
        </form>
      )}
    </div>
  );
}
