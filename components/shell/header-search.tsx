"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { SearchKind, SearchResult } from "@/lib/shared/directory/search-wire";
import { SEARCH_MAX_LENGTH } from "@/lib/shared/directory/search-wire";
import { hrefWithAsOf, viewAsOf } from "@/lib/browser/query/as-of";
import { formatCount } from "@/lib/browser/format/numbers";
import { directorySearchQuery, searchResultHref } from "./directory-search-query";

/*
 * One search box for the whole directory (UX: "search by what you hold"): an email, a user id, a
 * name, a group, role or organization. A combobox in the ARIA pattern: focus stays in the input,
 * arrows move the active option, Enter opens it (the first one when none is active), Escape closes
 * the list and then clears the box.
 */

const KIND_WORDS: Record<SearchKind, string> = { person: "People", organization: "Organizations", group: "Groups", role: "RBAC roles" };
/** Wait this long after the last keystroke before asking: one request per pause, not per letter. */
const DEBOUNCE_MS = 120;

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

export function HeaderSearch() {
  const router = useRouter();
  const id = useId();
  const listId = `${id}-list`;
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  // The active option belongs to one list of results: a new answer starts with none active.
  const [activeIn, setActiveIn] = useState<{ list: readonly SearchResult[] | null; index: number }>({ list: null, index: -1 });
  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const enabled = q.length > 0 && q.length <= SEARCH_MAX_LENGTH;
  const answer = useQuery({ ...directorySearchQuery(q), enabled, placeholderData: keepPreviousData });
  const results: SearchResult[] = useMemo(() => (enabled && answer.data ? answer.data.results : []), [enabled, answer.data]);
  // Settled: the answer is the text's as typed now (not a debounced earlier text's, not a placeholder).
  const settled = enabled && q === text.trim() && answer.data?.query === q && !answer.isFetching;

  const active = activeIn.list === results ? activeIn.index : -1;
  const setActive = (next: number | ((a: number) => number)) =>
    setActiveIn({ list: results, index: typeof next === "function" ? next(active) : next });

  const go = (r: SearchResult) => {
    setOpen(false);
    setText("");
    input.current?.blur();
    router.push(hrefWithAsOf(searchResultHref(r), viewAsOf()));
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      if (results.length) setActive((a) => (a + 1) % results.length);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      if (results.length) setActive((a) => (a <= 0 ? results.length - 1 : a - 1));
    } else if (e.key === "Enter") {
      // Enter before the answer to the latest text has come would open a stale result.
      const pick = results[active >= 0 ? active : 0];
      if (pick && (active >= 0 || settled)) {
        e.preventDefault();
        go(pick);
      }
    } else if (e.key === "Escape") {
      if (open && text) setOpen(false);
      else setText("");
      setActive(-1);
    }
  };

  const showList = open && text.trim().length > 0;
  const status = !enabled
    ? text.trim().length > SEARCH_MAX_LENGTH
      ? `Search for one id, email or name at a time (at most ${SEARCH_MAX_LENGTH} characters).`
      : ""
    : answer.isError
      ? answer.error.message
      : // Results still listed are the previous text's: their count is not this text's.
        !settled
        ? "Searching…"
        : results.length === 0
          ? "Nothing in the directory matches."
          : answer.data && answer.data.total > results.length
            ? `Best ${results.length} of ${formatCount(answer.data.total)} matches`
            : `${results.length} ${results.length === 1 ? "match" : "matches"}`;

  let index = -1;
  const kinds = [...new Set(results.map((r) => r.kind))];

  return (
    <div className="relative w-56 2xl:w-72" onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setOpen(false)}>
      <label htmlFor={`${id}-input`} className="sr-only">
        Search the directory
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${id}-opt-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Find a person, email, user_… id, group, role, organization"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
        className="h-7 w-full rounded border border-slate-300 bg-white px-2 text-xs placeholder:text-slate-400 focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600"
      />
      <div
        className={`absolute right-0 z-50 mt-1 w-[28rem] max-w-[90vw] rounded border border-slate-200 bg-white shadow-lg ${showList ? "" : "hidden"}`}
      >
        <div id={listId} role="listbox" aria-label="Directory search results" className="max-h-96 overflow-auto py-1">
          {kinds.map((kind) => (
            <div key={kind} role="group" aria-label={KIND_WORDS[kind]}>
              <div aria-hidden="true" className="px-2 pt-1 pb-0.5 text-[11px] font-semibold uppercase tracking-wide text-slate-500">
                {KIND_WORDS[kind]}
              </div>
              {results
                .filter((r) => r.kind === kind)
                .map((r) => {
                  index++;
                  const i = index;
                  return (
                    <div
                      key={`${r.kind}-${r.id}`}
                      id={`${id}-opt-${i}`}
                      role="option"
                      aria-selected={i === active}
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => go(r)}
                      onMouseMove={() => setActive(i)}
                      className={`cursor-pointer px-2 py-1 text-xs ${i === active ? "bg-brand-50 text-brand-900" : "text-slate-800"}`}
                    >
                      <span className="block truncate font-medium">{r.label}</span>
                      <span className={`block truncate text-slate-500 ${r.kind === "organization" ? "font-mono text-[11px]" : ""}`}>{r.detail}</span>
                    </div>
                  );
                })}
            </div>
          ))}
        </div>
        <p role="status" aria-live="polite" className="border-t border-slate-100 px-2 py-1 text-[11px] text-slate-500">
          {status}
        </p>
      </div>
    </div>
  );
}
