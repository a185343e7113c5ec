"use client";

import { useMutation } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useQueryState } from "nuqs";
import { CountCell } from "@/components/data-table/cells";
import type { AnyColumnDef } from "@/components/data-table/column-spec";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { pageParam } from "@/components/data-table/url-parsers";
import { CsvFileInput, UploadProblem } from "@/components/forms/csv-file-input";
import { readUpload } from "@/components/forms/read-upload";
import { InlineCheckbox, ModeRadios, PendingStatus } from "@/components/forms/request-controls";
import { PasteEntriesField } from "@/components/forms/paste-entries-field";
import { primaryClass } from "@/components/forms/styles";
import { ResultTable, type ResultList } from "@/components/results/result-table";
import { useExportDisabledReason } from "@/components/shell/officer-context";
import { formatDateTime } from "@/lib/browser/format/dates";
import { countOf, formatCount, pluralize } from "@/lib/browser/format/numbers";
import { postForFile, postJson } from "@/lib/browser/query/request";
import { useCancellableMutation } from "@/lib/browser/query/use-cancellable-mutation";
import { bulkResponseSchema, type BulkRequest, type GroupReconciliation, type ReconciliationDownload } from "@/lib/shared/reconciliation/schema";
import { GroupResultView } from "./group-result-view";

/*
 * The quarterly access review: one `group_name_or_id,email` file for every group. Per-group counts
 * in a table (pick a group to see its three lists), unknown group names with the records that use
 * them, and one combined CSV with the group on every row.
 */

type GroupRow = GroupReconciliation["counts"] & { id: string; name: string };

const columns: AnyColumnDef<GroupRow>[] = [
  { accessorKey: "name", header: "Group", size: 220, meta: { label: "Group", searchable: true } },
  { accessorKey: "members", header: "Members", size: 90, meta: { label: "Members", align: "right" }, cell: ({ row }) => <CountCell value={row.original.members} /> },
  { accessorKey: "expected_entries", header: "Expected", size: 90, meta: { label: "Expected", align: "right" }, cell: ({ row }) => <CountCell value={row.original.expected_entries} /> },
  { accessorKey: "in_both", header: "In both", size: 90, meta: { label: "In both", align: "right" }, cell: ({ row }) => <CountCell value={row.original.in_both} /> },
  {
    accessorKey: "unexpected",
    header: "Unexpected",
    size: 100,
    meta: { label: "Unexpected access", align: "right" },
    cell: ({ row }) => <span className={row.original.unexpected ? "font-semibold text-red-800" : ""}><CountCell value={row.original.unexpected} /></span>,
  },
  {
    accessorKey: "missing",
    header: "Missing",
    size: 90,
    meta: { label: "Missing", align: "right" },
    cell: ({ row }) => <span className={row.original.missing ? "font-semibold text-amber-800" : ""}><CountCell value={row.original.missing} /></span>,
  },
  { accessorKey: "missing_not_in_directory", header: "No such user", size: 110, meta: { label: "Missing, no directory user", align: "right" }, cell: ({ row }) => <CountCell value={row.original.missing_not_in_directory} /> },
  { id: "not_read", accessorFn: (r) => r.not_understood + r.duplicate, header: "Not read", size: 90, meta: { label: "Not read", align: "right" }, cell: ({ getValue }) => <CountCell value={getValue<number>()} /> },
  { id: "show", header: "", size: 90, enableSorting: false, enableHiding: false, cell: ({ row }) => <ShowGroupButton id={row.original.id} name={row.original.name} /> },
];

function ShowGroupButton({ id, name }: { id: string; name: string }) {
  const [shown, setShown] = useQueryState("show", pageParam);
  return (
    <button type="button" onClick={() => setShown(shown === id ? "" : id)} aria-pressed={shown === id} aria-label={`Show the lists of ${name}`} className="text-xs text-brand-700 underline-offset-2 hover:underline">
      {shown === id ? "Hide lists" : "Show lists"}
    </button>
  );
}

const rowId = (r: GroupRow) => r.id;
const GROUPS_LIST: ResultList = { namespace: "g", label: "Groups reconciled", noun: { one: "group", other: "groups" }, searchLabel: "Search the groups", empty: "The file names no group of the directory." };
type Posted = Pick<BulkRequest, "input" | "include_unlisted">;
const MODES = [
  { value: "csv", label: "Upload a CSV file" },
  { value: "paste", label: "Paste" },
] as const;

export function BulkReconciliation() {
  const [mode, setMode] = useState<"csv" | "paste">("csv");
  const [file, setFile] = useState<{ filename: string; base64: string; records: number } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [includeUnlisted, setIncludeUnlisted] = useState(false);
  // The result carries what produced it: a download posts it again and the server builds the file from it.
  const reconcile = useCancellableMutation(async (posted: Posted, signal) => ({
    response: await postJson("/api/reconciliation/bulk", posted, bulkResponseSchema, { signal }),
    posted,
  }));
  const result = reconcile.shown?.response;
  const posted = reconcile.shown?.posted;
  const pending = reconcile.isPending;
  const saveBulk = useMutation({ mutationFn: (download: ReconciliationDownload) => postForFile("/api/reconciliation/bulk", { ...posted, download }, "access-review.csv") });
  const [shown] = useQueryState("show", pageParam);
  const disabled = useExportDisabledReason();

  const input: BulkRequest["input"] | null = mode === "csv" ? (file ? { kind: "csv", filename: file.filename, content_base64: file.base64 } : null) : text.trim() ? { kind: "paste", text } : null;
  const rows = useMemo<GroupRow[]>(() => (result ? result.results.map((r) => ({ ...r.counts, id: r.group.id, name: r.group.name })) : []), [result]);
  const shownResult = result?.results.find((r) => r.group.id === shown);

  async function pick(f: File | undefined) {
    setFile(null);
    setFileError(null);
    if (!f) return;
    const r = await readUpload(f);
    if (!r.ok) setFileError(r.message);
    else setFile({ filename: r.upload.filename, base64: r.upload.base64, records: r.upload.records.length });
  }

  const totals = result
    ? result.results.reduce((t, r) => ({ in_both: t.in_both + r.counts.in_both, unexpected: t.unexpected + r.counts.unexpected, missing: t.missing + r.counts.missing }), { in_both: 0, unexpected: 0, missing: 0 })
    : null;

  return (
    <div className="flex flex-col gap-4">
      <section aria-label="The review file" className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-3">
        <p className="text-xs text-slate-600">
          One record per expected membership: <code className="font-mono">group_name_or_id,email</code> (a user id works in place of the email; a header row is optional). Group names match exactly, then in any case; a name several groups share must be given as the id.
        </p>
        <ModeRadios name="bulk-mode" value={mode} onChange={setMode} options={MODES} />
        {mode === "csv" ? (
          <CsvFileInput label="Review file (CSV)" onPick={(f) => void pick(f)}>
            {file && <p className="mt-1 text-xs text-slate-600">{file.filename}: {countOf(file.records, "record")}.</p>}
            {fileError && <UploadProblem className="mt-1">{fileError}</UploadProblem>}
          </CsvFileInput>
        ) : (
          <PasteEntriesField label="Review records" value={text} onChange={setText} placeholder={"group_name_or_id,email\nLegal,jane.doe@example.com"} fieldClassName="max-w-2xl" />
        )}
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={primaryClass} disabled={!input || pending} onClick={() => input && reconcile.mutate({ input, include_unlisted: includeUnlisted })}>
            Reconcile all groups
          </button>
          <InlineCheckbox checked={includeUnlisted} onChange={setIncludeUnlisted}>
            Also reconcile groups the file does not name (all their members are then unexpected)
          </InlineCheckbox>
          {pending && <PendingStatus onCancel={reconcile.cancel}>Reconciling…</PendingStatus>}
        </div>
        {reconcile.error && <ErrorNotice error={reconcile.error} />}
      </section>

      {result && totals && (
        <section aria-label="Review result" className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-3">
          <p className="text-sm text-slate-700" aria-live="polite">
            {countOf(result.rows, "record")} from {result.expected_from}
            {result.header ? " (after its header row)" : ""}: {countOf(result.results.length, "group")} reconciled, {formatCount(totals.in_both)} in both,{" "}
            <strong>{formatCount(totals.unexpected)}</strong> unexpected access, <strong>{formatCount(totals.missing)}</strong> missing. Directory as of{" "}
            {formatDateTime(Date.parse(result.directory_built_at))}.
          </p>
          {result.unknown_groups.length > 0 && (
            <div role="alert" className="rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900">
              <p className="font-medium">
                {formatCount(result.unknown_groups.length)} group {result.unknown_groups.length === 1 ? "name matches" : "names match"} no single group; their records were not reconciled:
              </p>
              <ul className="mt-1 list-disc pl-5">
                {result.unknown_groups.map((u) => (
                  <li key={u.name}>
                    <span className="font-mono">{u.name}</span>: {u.ambiguous_ids ? `${u.ambiguous_ids.length} groups have this name (use the id: ${u.ambiguous_ids.join(", ")})` : "no such group"}; {formatCount(u.row_numbers.length)}{" "}
                    {u.row_numbers.length === 1 ? "record" : "records"} (record {u.row_numbers.slice(0, 10).join(", ")}
                    {u.row_numbers.length > 10 ? ", …" : ""})
                  </li>
                ))}
              </ul>
            </div>
          )}
          {result.rows_without_group.length > 0 && (
            <p role="alert" className="rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900">
              {countOf(result.rows_without_group.length, "record")} {pluralize(result.rows_without_group.length, "has", "have")} an entry but no group (record {result.rows_without_group.slice(0, 10).join(", ")}
              {result.rows_without_group.length > 10 ? ", …" : ""}).
            </p>
          )}
          {!includeUnlisted && result.unlisted_groups.length > 0 && (
            <p className="text-xs text-slate-600">
              {countOf(result.unlisted_groups.length, "group")} {pluralize(result.unlisted_groups.length, "is", "are")} not named in the file and {pluralize(result.unlisted_groups.length, "was", "were")} not reconciled:{" "}
              {result.unlisted_groups.slice(0, 8).map((g) => `${g.name} (${countOf(g.members, "member")})`).join(", ")}
              {result.unlisted_groups.length > 8 ? ` and ${formatCount(result.unlisted_groups.length - 8)} more` : ""}.
            </p>
          )}
          <ResultTable rows={rows} columns={columns} rowId={rowId} list={GROUPS_LIST} height="max-h-72">
            <button
              type="button"
              disabled={!!disabled}
              title={disabled}
              onClick={() => saveBulk.mutate({ list: "all" })}
              className="inline-flex h-7 items-center rounded border border-slate-300 bg-white px-2 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
            >
              Download combined CSV
            </button>
          </ResultTable>
          {saveBulk.error && (
            <p role="alert" className="text-xs text-red-800">
              {saveBulk.error.message}
            </p>
          )}
          {shownResult && (
            <div className="rounded border border-slate-200 p-2">
              <GroupResultView key={shownResult.group.id} result={shownResult} download={(list) => postForFile("/api/reconciliation/bulk", { ...posted, download: { list, group_id: shownResult.group.id } }, "access-review.csv")} />
            </div>
          )}
        </section>
      )}
    </div>
  );
}
