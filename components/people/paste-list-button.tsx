"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Popover } from "@/components/data-table/popover";
import { PasteEntriesField } from "@/components/forms/paste-entries-field";
import { classifyEntry, splitEntries } from "@/lib/shared/directory/entries";
import { formatCount } from "@/lib/browser/format/numbers";
import { directoryKeys } from "@/lib/browser/query/keys";
import { fetchPeople } from "./people-query";

/*
 * "Paste a list": ids from a log or emails from HR, one per line, comma or space. The preview says
 * what will match before it is applied (the server looks the entries up in the sync the page
 * shows); applying puts the ids and emails into the table's search, which the kit treats as
 * "exactly these" and reports found / not found under the table.
 */

interface PastedList {
  /** Ids and emails, each once, in order. */
  usable: string[];
  /** Entries that are neither an id nor an email. */
  invalid: string[];
  duplicates: number;
}

function readList(text: string): PastedList {
  const seen = new Set<string>();
  const usable: string[] = [];
  const invalid: string[] = [];
  let duplicates = 0;
  for (const raw of splitEntries(text)) {
    const { kind, value } = classifyEntry(raw);
    if (kind === "blank") continue;
    const key = `${kind}:${kind === "other" ? value : value.toLowerCase()}`;
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    if (kind === "other") invalid.push(raw.trim());
    else usable.push(value);
  }
  return { usable, invalid, duplicates };
}

/** Which of the usable entries name someone: the server's report on the list as a People search. */
function usePreview(usable: readonly string[]) {
  const q = usable.join(", ");
  return useQuery({
    queryKey: directoryKeys.peopleQuery(`paste:${q}`, 0),
    queryFn: async ({ signal }) => {
      const answer = await fetchPeople({ q, limit: usable.length === 1 ? 20 : 0, facets: false }, signal);
      if (answer.list) return { found: answer.list.found, notFound: answer.list.missing };
      // One entry is a "contains" search: it names someone when a row has exactly that id or email.
      const one = usable[0]!.toLowerCase();
      const hit = answer.rows.some((r) => r.id.toLowerCase() === one || r.email.toLowerCase() === one);
      return { found: hit ? 1 : 0, notFound: hit ? [] : [usable[0]!] };
    },
    enabled: usable.length > 0,
    staleTime: 60_000,
    retry: false,
  });
}

export function PasteListButton({ onApply }: { onApply: (search: string) => void }) {
  const [text, setText] = useState("");
  const list = useMemo(() => (text.trim() ? readList(text) : null), [text]);
  const preview = usePreview(list?.usable ?? []);
  const found = list && list.usable.length > 0 ? preview.data : undefined;

  return (
    <Popover label="Paste a list of ids or emails" align="right" panelClassName="w-96" button={<>Paste a list</>}>
      {(close) => (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onApply((list?.usable ?? []).join(", "));
            close();
          }}
        >
          <PasteEntriesField
            label="User ids or emails, one per line (or separated by commas or spaces)"
            value={text}
            onChange={setText}
            placeholder={"user_01AbC...\nada@example.com"}
          />
          {list && (
            <p className="mt-1 text-slate-600" aria-live="polite">
              {found ? `${formatCount(found.found)} of ${formatCount(list.usable.length + list.invalid.length)} entries found` : list.usable.length ? "Looking the entries up…" : "No id or email yet"}
              {list.duplicates > 0 && `, ${formatCount(list.duplicates)} repeated`}
              {found && found.notFound.length > 0 && (
                <span className="text-amber-800">
                  ; not found: {found.notFound.slice(0, 5).join(", ")}
                  {found.notFound.length > 5 ? ` and ${formatCount(found.notFound.length - 5)} more` : ""}
                </span>
              )}
              {list.invalid.length > 0 && (
                <span className="block text-amber-800">
                  Not an id or email, left out: {list.invalid.slice(0, 5).join(", ")}
                  {list.invalid.length > 5 ? ` and ${formatCount(list.invalid.length - 5)} more` : ""}
                </span>
              )}
            </p>
          )}
          <div className="mt-2 flex justify-end gap-2">
            <button type="button" onClick={() => setText("")} className="rounded border border-slate-200 px-2 py-1 hover:bg-slate-50">
              Clear
            </button>
            <button
              type="submit"
              disabled={!list || list.usable.length === 0}
              className="rounded border border-brand-600 bg-brand-600 px-2 py-1 font-medium text-white hover:bg-brand-700 disabled:border-slate-300 disabled:bg-slate-200 disabled:text-slate-500"
            >
              Show just these
            </button>
          </div>
        </form>
      )}
    </Popover>
  );
}
