"use client";

import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from "react";

/*
 * A button that opens a small panel below it (filters, the column menu). Escape and a click
 * outside close it and return focus to the button; the panel is a labelled dialog, not a menu,
 * because it holds form controls.
 */
export function Popover({
  label,
  button,
  children,
  align = "left",
  buttonClassName,
  panelClassName = "w-64",
}: {
  /** The panel's accessible name. */
  label: string;
  button: ReactNode;
  /** Content; a function gets `close` (for a button inside the panel that should close it). */
  children: ReactNode | ((close: () => void) => ReactNode);
  align?: "left" | "right";
  buttonClassName?: string;
  panelClassName?: string;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  /** Whether closing returns focus to the button (not when the officer clicked elsewhere). */
  const restoreFocus = useRef(true);
  const wasOpen = useRef(false);
  const id = useId();

  const close = useCallback(() => setOpen(false), []);

  useEffect(() => {
    if (wasOpen.current && !open && restoreFocus.current) trigger.current?.focus();
    wasOpen.current = open;
    restoreFocus.current = true;
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) {
        restoreFocus.current = false;
        setOpen(false);
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        setOpen(false);
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  useLayoutEffect(() => {
    if (!open || !panel.current) return;
    const first = panel.current.querySelector<HTMLElement>("input, button, select, textarea, [tabindex]:not([tabindex='-1'])");
    first?.focus();
  }, [open]);

  // A hidden page (Next keeps some routes alive) must not come back with a panel open.
  useLayoutEffect(() => () => setOpen(false), []);

  return (
    <div ref={root} className="relative">
      <button
        ref={trigger}
        type="button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
        className={
          buttonClassName ??
          "inline-flex h-7 items-center gap-1 rounded border border-slate-300 bg-white px-2 text-xs text-slate-700 hover:bg-slate-50"
        }
      >
        {button}
      </button>
      {open && (
        <div
          ref={panel}
          id={id}
          role="dialog"
          aria-label={label}
          className={`absolute top-full z-30 mt-1 rounded border border-slate-200 bg-white p-2 text-xs shadow-lg ${align === "right" ? "right-0" : "left-0"} ${panelClassName}`}
        >
          {typeof children === "function" ? children(close) : children}
        </div>
      )}
    </div>
  );
}
