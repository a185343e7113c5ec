"use client";

import { useRouter } from "next/navigation";
import { useQueryState } from "nuqs";
import { createContext, Fragment, useContext, useEffect, type ReactNode } from "react";
import { AS_OF_PARAM, isSyncIdLike, setViewAsOf } from "@/lib/browser/query/as-of";
import { resetShownSync } from "@/lib/browser/query/shown-sync";

/*
 * The page URL's `as_of=<sync id>` for everything under the shell: the query builders read it
 * (lib/browser/query/as-of.ts), pages remount when it changes, and while it is set every in-app link the
 * officer follows keeps it, so a copied link or a click through reproduces the same sync.
 * Links opt out with `data-as-of-exempt` ("Back to now", the sync picker's own navigation).
 */

const AsOfContext = createContext<string | null>(null);

export function useViewAsOf(): string | null {
  return useContext(AsOfContext);
}

/** The in-app, same-origin page link an event is about, if it should carry the as_of. */
function pageLink(target: EventTarget | null, asOf: string): { anchor: HTMLAnchorElement; url: URL } | null {
  const anchor = target instanceof Element ? target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute("data-as-of-exempt") || anchor.hasAttribute("download")) return null;
  // In-page anchors (the skip link) stay as they are.
  if (anchor.getAttribute("href")?.startsWith("#")) return null;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith("/api/")) return null;
  // A link naming another sync goes there; one already rewritten (on focus, say) is still ours to route.
  const named = url.searchParams.get(AS_OF_PARAM);
  if (named !== null && named !== asOf) return null;
  return { anchor, url };
}

function useLinksKeepAsOf(asOf: string | null) {
  const router = useRouter();
  useEffect(() => {
    if (!asOf) return;
    const rewrite = (e: Event) => {
      const link = pageLink(e.target, asOf);
      if (!link) return null;
      link.url.searchParams.set(AS_OF_PARAM, asOf);
      // The element's own href too: a new tab, a copied link or a middle click get the as_of.
      link.anchor.href = link.url.toString();
      return link;
    };
    const onClick = (e: MouseEvent) => {
      const link = rewrite(e);
      if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      if (link.anchor.target && link.anchor.target !== "_self") return;
      // Before React's handlers (next/link would navigate to the href it was rendered with).
      e.preventDefault();
      e.stopPropagation();
      router.push(`${link.url.pathname}${link.url.search}${link.url.hash}`);
    };
    window.addEventListener("click", onClick, true);
    window.addEventListener("auxclick", rewrite, true);
    window.addEventListener("contextmenu", rewrite, true);
    window.addEventListener("focusin", rewrite, true);
    return () => {
      window.removeEventListener("click", onClick, true);
      window.removeEventListener("auxclick", rewrite, true);
      window.removeEventListener("contextmenu", rewrite, true);
      window.removeEventListener("focusin", rewrite, true);
    };
  }, [asOf, router]);
}

export function AsOfScope({ children }: { children: ReactNode }) {
  const [raw] = useQueryState(AS_OF_PARAM);
  const asOf = raw && isSyncIdLike(raw) ? raw : null;
  // Set during render, before any child builds a query (the server never fetches, so it skips this).
  if (typeof window !== "undefined") setViewAsOf(asOf);
  useLinksKeepAsOf(asOf);
  useEffect(() => resetShownSync(), [asOf]);
  return (
    <AsOfContext.Provider value={asOf}>
      <Fragment key={asOf ?? "now"}>{children}</Fragment>
    </AsOfContext.Provider>
  );
}
