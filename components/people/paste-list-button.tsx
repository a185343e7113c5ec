"use client";

import { useId, useMemo, useState } from "react";
import { Popover } from "@/components/data-table/popover";
import { formatCount } from "@/lib/format/numbers";
import { applyPastedList, type PeopleTableRow } from "./people-table-rows";

/*
 * "Paste a list": ids from a log or emails from HR, one per line, comma or space. The preview says
 * what will match before it is applied; applying puts the ids and emails into the table's search,
 * which the kit treats as "exactly these" and reports found / not found under the table.
 */
export function PasteListButton({ rows, onApply }: { rows: readonly PeopleTableRow[]; onApply: (search: string) => void }) {
  const [text, setText] = useState("");
  const id = useId();
  const preview = useMemo(() => (text.trim() ? applyPastedList(rows, text) : null), [rows, text]);
  const usable = preview ? preview.results.filter((r) => r.kind === "email" || r.kind === "user_id") : [];

  return (
    <Popover label="Paste a list of ids or emails" align="right" panelClassName="w-96" button={<>Paste a list</>}>
      {(close) => (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const values = [...new Set(usable.map((r) => r.value))];
            onApply(values.join(", "));
            close();
          }}
        >
          <label htmlFor={id} className="block font-medium text-slate-700">
            User ids or emails, one per line (or separated by commas or spaces)
          </label>
          <textarea
            id={id}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={8}
            spellCheck={false}
            className="mt-1 w-full rounded border border-slate-300 p-1 font-mono text-xs"
            placeholder={"user_01AbC...\nada@example.com"}
          />
          {preview && (
            <p className="mt-1 text-slate-600" aria-live="polite">
              {formatCount(preview.found)} of {formatCount(preview.entries)} entries found
              {preview.duplicates > 0 && `, ${formatCount(preview.duplicates)} repeated`}
              {preview.notFound.length > 0 && (
                <span className="text-amber-800">
                  ; not found: {preview.notFound.slice(0, 5).join(", ")}
                  {preview.notFound.length > 5 ? ` and ${formatCount(preview.notFound.length - 5)} more` : ""}
                </span>
              )}
              {preview.invalid.length > 0 && (
                <span className="block text-amber-800">
                  Not an id or email, left out: {preview.invalid.slice(0, 5).join(", ")}
                  {preview.invalid.length > 5 ? ` and ${formatCount(preview.invalid.length - 5)} more` : ""}
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
              disabled={usable.length === 0}
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
