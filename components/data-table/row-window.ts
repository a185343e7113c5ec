import { useEffect, useState, type RefObject } from "react";
import { afterNextPaint } from "@/lib/browser/query/after-paint";

/*
 * Which rows of a scrolling table are drawn. Every row is `rowHeight` tall, so the rows in view
 * follow from the scroll position by division. TanStack Virtual (used here before) measures rows of
 * any height, and for that it lays out every row's start and size again whenever the row count
 * changes: 150,000 entries on each keystroke of People, a few milliseconds and much garbage on the
 * path from the key to the painted rows, for sizes that are all the same.
 */

export interface RowWindow {
  /** First and last index drawn (last < first: none). */
  first: number;
  last: number;
  /** Height of the rows above `first` and below `last`, drawn as padding. */
  paddingTop: number;
  paddingBottom: number;
  /** The scroll position is not the top. */
  scrolled: boolean;
}

interface Viewport {
  /** Index of the row at the top of the view. */
  top: number;
  height: number;
  scrolled: boolean;
}

/** The rows to draw of `count` fixed-height rows: those in view, and `overscan` more on each side. */
export function rowWindow(count: number, rowHeight: number, overscan: number, view: Viewport): RowWindow {
  if (count <= 0) return { first: 0, last: -1, paddingTop: 0, paddingBottom: 0, scrolled: view.scrolled };
  const inView = Math.ceil(view.height / rowHeight) + 1;
  const top = Math.min(view.top, Math.max(0, count - inView));
  const first = Math.max(0, top - overscan);
  const last = Math.min(count - 1, top + inView - 1 + overscan);
  return { first, last, paddingTop: first * rowHeight, paddingBottom: (count - 1 - last) * rowHeight, scrolled: view.scrolled };
}

/**
 * The window of a table scrolling inside `scrollRef`. Re-renders only when the row at the top or
 * the view's height changes, not on every scroll event. Before the element is measured (the
 * server's render, and the browser's first to match it) the view is `initialRows` tall, so rows a
 * page sends with its HTML paint with it.
 */
export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan: number, initialRows: number): RowWindow {
  const [view, setView] = useState<Viewport>({ top: 0, height: rowHeight * initialRows, scrolled: false });
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const read = () => {
      const next = { top: Math.floor(el.scrollTop / rowHeight), height: el.clientHeight, scrolled: el.scrollTop > 0 };
      setView((v) => (v.top === next.top && v.height === next.height && v.scrolled === next.scrolled ? v : next));
    };
    read();
    el.addEventListener("scroll", read, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(el);
    return () => {
      el.removeEventListener("scroll", read);
      resize.disconnect();
    };
  }, [scrollRef, rowHeight]);
  return rowWindow(count, rowHeight, overscan, view);
}

/**
 * The overscan to draw: none in the frame that first shows new rows (a keystroke's, a new answer's),
 * `overscan` from the frame after. Rows out of view only serve a scroll that has not happened yet,
 * and a keystroke drew them too: 27 rows for People's 21 in view. Drawn after the paint, a key's
 * rows painted sooner: People 24.4 against 28.5 ms on average (median 24 against 28) over 240
 * keys in 12 tabs, an organization's users table 22.5 against 27.1 ms over 72, 200,000
 * memberships. The first render keeps them: rows a page sends with its HTML hydrate as drawn.
 */
export function useOverscanAfterPaint(rows: unknown, overscan: number): number {
  const [drawn, setDrawn] = useState({ rows, full: true });
  let full = drawn.full;
  if (drawn.rows !== rows) {
    // Adjusted while rendering (React's "storing information from previous renders"): this render already draws without it.
    full = false;
    setDrawn({ rows, full: false });
  }
  useEffect(() => {
    if (full) return;
    let live = true;
    void afterNextPaint().then(() => {
      if (live) setDrawn((d) => (d.rows === rows ? { rows, full: true } : d));
    });
    return () => {
      live = false;
    };
  }, [full, rows]);
  return full ? overscan : 0;
}
