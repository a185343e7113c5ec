"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { ROW_LINK_ATTRIBUTE } from "@/components/data-table/row-link";

/*
 * Client-side navigation for every RowLink on the page (row-link.tsx), as next/link does it for
 * its own: a plain left click on a same-origin link goes through the router; a click with a
 * modifier, another button, a link with a target or a download, or one already handled, is left
 * to the browser.
 */
export function RowLinkNavigation() {
  const router = useRouter();
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = e.target instanceof Element ? e.target.closest(`a[${ROW_LINK_ATTRIBUTE}]`) : null;
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
      const url = new URL(link.href);
      if (url.origin !== window.location.origin) return;
      e.preventDefault();
      router.push(`${url.pathname}${url.search}${url.hash}`);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [router]);
  return null;
}
