"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useQueryState } from "nuqs";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { CsvUploadField, type CsvChoice } from "@/components/seed-lists/csv-upload-field";
import { postJson } from "@/components/seed-lists/post-json";
import { postForFile } from "@/components/data-table/table-download-client";
import { formatDateTime } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import { groupsQuery, useWalk } from "@/lib/query";
import { isAbortError, toApiError, type ApiError } from "@/lib/query/api-error";
import { reconcileResponseSchema, type ExpectedInput, type ReconcileResponse } from "@/lib/reconciliation/schema";
import { parsePastedEntries } from "@/lib/seed-lists/input";
import { pageParam } from "@/components/data-table/url-parsers";
import { GroupResultView } from "./group-result-view";
import { SaveReconciliation } from "./save-reconciliation";

/*
 * One group against the members its system of record expects, pasted or uploaded. The group is
 * in the URL (`?group=`), so a link opens the page on it.
 */

const inputClass = "rounded border border-slate-300 px-2 text-sm";
const primaryClass = "h-8 rounded bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50";

export function GroupReconciliationForm() {
  const walk = useWalk(groupsQuery());
  const [groupId, setGroupId] = useQueryState("group", pageParam);
  const [mode, setMode] = useState<"paste" | "csv">("paste");
  const [text, setText] = useState("");
  const [csv, setCsv] = useState<CsvChoice | null>(null);
  const [fresh, setFresh] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<ReconcileResponse | null>(null);
  // What produced the result: a download posts it again and the server builds the file from it.
  const [posted, setPosted] = useState<{ group_id: string; expected: ExpectedInput } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const groupSelect = useId();
  const pasteId = useId();
  useEffect(() => () => abort.current?.abort(), []);

  const groups = useMemo(() => [...walk.rows].sort((a, b) => a.name.localeCompare(b.name)), [walk.rows]);
  const expected: ExpectedInput | null =
    mode === "paste" ? (text.trim() ? { kind: "paste", text } : null) : csv ? { kind: "csv", filename: csv.filename, content_base64: csv.base64, column: csv.column, header: csv.header } : null;
  const pasted = useMemo(() => parsePastedEntries(text), [text]);

  async function reconcile() {
    if (!expected || !groupId) return;
    abort.current?.abort();
    const ctrl = new AbortController();
    abort.current = ctrl;
    setPending(true);
    setError(null);
    try {
      const body = { group_id: groupId, expected };
      setResult(await postJson("/api/reconciliation", { ...body, fresh }, reconcileResponseSchema, { signal: ctrl.signal }));
      setPosted(body);
    } catch (e) {
      if (!isAbortError(e)) setError(toApiError(e));
    } finally {
      if (abort.current === ctrl) {
        abort.current = null;
        setPending(false);
      }
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <section aria-label="What to reconcile" className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-3">
        <div>
          <label htmlFor={groupSelect} className="block text-xs font-medium text-slate-700">
            Group
          </label>
          <select
            id={groupSelect}
            value={groupId}
            onChange={(e) => {
              setGroupId(e.target.value);
              setResult(null);
            }}
            className={`mt-1 h-8 w-96 ${inputClass}`}
          >
            <option value="">{walk.status === "complete" ? `Choose one of ${formatCount(groups.length)} groups` : `Loading groups… ${formatCount(walk.loaded)}`}</option>
            {groupId && !groups.some((g) => g.id === groupId) && <option value={groupId}>{groupId}</option>}
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name} ({g.source_type})
              </option>
            ))}
          </select>
          {walk.error && <p className="mt-1 text-xs text-red-800">The groups could not be listed: {walk.error.message}</p>}
        </div>

        <fieldset className="flex flex-col gap-2">
          <legend className="text-xs font-medium text-slate-700">Expected members, from the system of record (emails or user ids)</legend>
          <div className="flex gap-4 text-xs text-slate-700">
            <label className="inline-flex items-center gap-1">
              <input type="radio" name="expected-mode" checked={mode === "paste"} onChange={() => setMode("paste")} /> Paste
            </label>
            <label className="inline-flex items-center gap-1">
              <input type="radio" name="expected-mode" checked={mode === "csv"} onChange={() => setMode("csv")} /> Upload a CSV file
            </label>
          </div>
          {mode === "paste" ? (
            <div>
              <label htmlFor={pasteId} className="sr-only">
                Expected members
              </label>
              <textarea
                id={pasteId}
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={8}
                spellCheck={false}
                placeholder={"jane.doe@example.com\nuser_01AbC…"}
                className={`w-full max-w-2xl py-1 font-mono text-xs ${inputClass}`}
              />
              {text.trim() !== "" && (
                <p className="text-xs text-slate-500">
                  {formatCount(pasted.entries.length - pasted.blankLines)} entries, {formatCount(pasted.blankLines)} blank lines.
                </p>
              )}
            </div>
          ) : (
            <CsvUploadField label="CSV file of expected members" onChange={setCsv} />
          )}
        </fieldset>

        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={primaryClass} disabled={!groupId || !expected || pending} onClick={() => void reconcile()}>
            Reconcile
          </button>
          <label className="inline-flex items-center gap-1 text-xs text-slate-700">
            <input type="checkbox" checked={fresh} onChange={(e) => setFresh(e.target.checked)} />
            Refresh the directory first
          </label>
          {pending && (
            <span role="status" className="flex items-center gap-2 text-xs text-slate-600">
              Reconciling against the directory (the first time, every organization and group is read)…
              <button type="button" className="underline" onClick={() => abort.current?.abort()}>
                Cancel
              </button>
            </span>
          )}
        </div>
        {error && <ErrorNotice error={error} />}
      </section>

      {result && (
        <section aria-label="Reconciliation result" className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-3">
          <p className="text-xs text-slate-600">
            Expected list from {result.expected_from}; directory as of {formatDateTime(Date.parse(result.directory_built_at))}.
          </p>
          {posted && <SaveReconciliation groupId={posted.group_id} groupName={result.result.group.name} expected={posted.expected} />}
          <GroupResultView result={result.result} download={(list) => postForFile("/api/reconciliation", { ...posted, download: { list } }, "reconciliation.csv")} />
        </section>
      )}
    </div>
  );
}
