"use client";

import { useId, useState } from "react";
import { useQueryState } from "nuqs";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { pageParam } from "@/components/data-table/url-parsers";
import { CsvUploadField, type CsvChoice } from "@/components/forms/csv-upload-field";
import { GroupSelect } from "@/components/forms/group-select";
import { PasteEntriesField } from "@/components/forms/paste-entries-field";
import { FreshCheckbox, ModeRadios, PendingStatus } from "@/components/forms/request-controls";
import { primaryClass } from "@/components/forms/styles";
import { formatDateTime } from "@/lib/browser/format/dates";
import { postForFile, postJson } from "@/lib/browser/query/request";
import { useCancellableMutation } from "@/lib/browser/query/use-cancellable-mutation";
import { reconcileResponseSchema, type ExpectedInput } from "@/lib/shared/reconciliation/schema";
import { GroupResultView } from "./group-result-view";
import { SaveReconciliation } from "./save-reconciliation";

/*
 * One group against the members its system of record expects, pasted or uploaded. The group is
 * in the URL (`?group=`), so a link opens the page on it.
 */

type Posted = { group_id: string; expected: ExpectedInput };
const MODES = [
  { value: "paste", label: "Paste" },
  { value: "csv", label: "Upload a CSV file" },
] as const;

export function GroupReconciliationForm() {
  const [groupId, setGroupId] = useQueryState("group", pageParam);
  const [mode, setMode] = useState<"paste" | "csv">("paste");
  const [text, setText] = useState("");
  const [csv, setCsv] = useState<CsvChoice | null>(null);
  const [fresh, setFresh] = useState(false);
  const groupSelect = useId();
  // The result carries what produced it: a download posts it again and the server builds the file from it.
  const reconcile = useCancellableMutation(async (posted: Posted, signal) => ({
    response: await postJson("/api/reconciliation", { ...posted, fresh }, reconcileResponseSchema, { signal }),
    posted,
  }));

  const expected: ExpectedInput | null =
    mode === "paste" ? (text.trim() ? { kind: "paste", text } : null) : csv ? { kind: "csv", filename: csv.filename, content_base64: csv.base64, column: csv.column, header: csv.header } : null;
  const pending = reconcile.isPending;
  const done = reconcile.shown;

  return (
    <div className="flex flex-col gap-4">
      <section aria-label="What to reconcile" className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-3">
        <div>
          <label htmlFor={groupSelect} className="block text-xs font-medium text-slate-700">
            Group
          </label>
          <GroupSelect
            id={groupSelect}
            value={groupId}
            onChange={(id) => {
              void setGroupId(id);
              reconcile.reset();
            }}
            className="w-96"
          />
        </div>

        <fieldset className="flex flex-col gap-2">
          <legend className="text-xs font-medium text-slate-700">Expected members, from the system of record (emails or user ids)</legend>
          <ModeRadios name="expected-mode" value={mode} onChange={setMode} options={MODES} />
          {mode === "paste" ? (
            <PasteEntriesField label="Expected members" hideLabel value={text} onChange={setText} placeholder={"jane.doe@example.com\nuser_01AbC…"} count fieldClassName="max-w-2xl" />
          ) : (
            <CsvUploadField label="CSV file of expected members" onChange={setCsv} />
          )}
        </fieldset>

        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={primaryClass} disabled={!groupId || !expected || pending} onClick={() => expected && groupId && reconcile.mutate({ group_id: groupId, expected })}>
            Reconcile
          </button>
          <FreshCheckbox checked={fresh} onChange={setFresh} />
          {pending && <PendingStatus onCancel={reconcile.cancel}>Reconciling against the directory (the first time, every organization and group is read)…</PendingStatus>}
        </div>
        {reconcile.error && <ErrorNotice error={reconcile.error} />}
      </section>

      {done && (
        <section aria-label="Reconciliation result" className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-3">
          <p className="text-xs text-slate-600">
            Expected list from {done.response.expected_from}; directory as of {formatDateTime(Date.parse(done.response.directory_built_at))}.
          </p>
          <SaveReconciliation groupId={done.posted.group_id} groupName={done.response.result.group.name} expected={done.posted.expected} />
          <GroupResultView result={done.response.result} download={(list) => postForFile("/api/reconciliation", { ...done.posted, download: { list } }, "reconciliation.csv")} />
        </section>
      )}
    </div>
  );
}
