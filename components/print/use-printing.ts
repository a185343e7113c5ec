"use client";

import { useEffect, useState } from "react";
import { flushSync } from "react-dom";

/*
 * True while the page is printed (the browser's print, Ctrl+P, or print media emulated). A page
 * whose printed layout holds every row (tens of thousands) renders it only then, instead of keeping
 * it hidden in the DOM where it slows the first paint and every filter. `beforeprint` renders it
 * synchronously, before the browser lays the page out for paper.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const media = window.matchMedia("print");
    const follow = () => setPrinting(media.matches);
    const before = () => flushSync(() => setPrinting(true));
    media.addEventListener("change", follow);
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", follow);
    follow();
    return () => {
      media.removeEventListener("change", follow);
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", follow);
    };
  }, []);
  return printing;
}
