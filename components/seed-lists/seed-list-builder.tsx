"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useId, useMemo, useState, useSyncExternalStore } from "react";
import { ErrorNotice } from "@/components/data-table/error-notice";
import { CsvUploadField, type CsvChoice } from "@/components/forms/csv-upload-field";
import { GroupSelect, useSortedGroups } from "@/components/forms/group-select";
import { PasteEntriesField } from "@/components/forms/paste-entries-field";
import { FreshCheckbox, PendingStatus } from "@/components/forms/request-controls";
import { buttonClass, inputClass, primaryClass } from "@/components/forms/styles";
import { Panel } from "@/components/results/panel";
import { useOfficer } from "@/components/shell/officer-context";
import { formatDateTime } from "@/lib/browser/format/dates";
import { countOf, formatCount } from "@/lib/browser/format/numbers";
import { seedListKeys } from "@/lib/browser/query/keys";
import { postJson } from "@/lib/browser/query/request";
import { useCancellableMutation } from "@/lib/browser/query/use-cancellable-mutation";
import { readSeedListHandOff, SEED_LIST_HANDOFF_KEY, type SeedListHandOff } from "@/lib/browser/seed-lists/handoff";
import { describeSources } from "@/lib/shared/seed-lists/resolve";
import { resolveResponseSchema, seedListMetaSchema, type ResolveResponse, type SourceInput } from "@/lib/shared/seed-lists/schema";
import { ResolutionView } from "./resolution-view";

/*
 * Building a seed list: pasted emails or ids, a CSV file's column, the members of groups, rows
 * handed over from another table. "Resolve" shows where every entry went without saving; "Save"
 * keeps the list (exporters), resolving it again on the server, and opens it.
 */

const noSubscription = () => () => {};
const readStoredHandOff = () => window.sessionStorage.getItem(SEED_LIST_HANDOFF_KEY);
const noStoredHandOff = () => null;

function GroupPicker({ onAdd, added }: { onAdd: (g: { id: string; name: string }) => void; added: readonly string[] }) {
  const { groups } = useSortedGroups();
  const [chosen, setChosen] = useState("");
  const id = useId();
  const group = groups.find((g) => g.id === chosen);
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        Add the members of a group
      </label>
      <GroupSelect id={id} value={chosen} onChange={setChosen} className="w-64" disabledIds={added}>
        <button type="button" className={buttonClass} disabled={!group} onClick={() => group && (onAdd(group), setChosen(""))}>
          Add members
        </button>
      </GroupSelect>
    </div>
  );
}

export function SeedListBuilder() {
  const params = useSearchParams();
  const router = useRouter();
  const queryClient = useQueryClient();
  const officer = useOfficer();
  const canSave = officer?.role !== "viewer";
  const nameId = useId();

  const [text, setText] = useState("");
  const [csv, setCsv] = useState<CsvChoice | null>(null);
  const [csvKey, setCsvKey] = useState(0);
  const [groups, setGroups] = useState<{ id: string; name: string }[]>([]);
  const [fresh, setFresh] = useState(false);
  const [name, setName] = useState("");

  // Rows handed over from another table (`?add=` or the sessionStorage hand-off); removable.
  const stored = useSyncExternalStore(noSubscription, readStoredHandOff, noStoredHandOff);
  const handOff = useMemo(() => readSeedListHandOff(params, { getItem: () => stored }), [params, stored]);
  const handOffKey = `${params.toString()}|${stored ?? ""}`;
  const [removedHandOff, setRemovedHandOff] = useState<string | null>(null);
  const selection: SeedListHandOff | null = handOff && removedHandOff !== handOffKey ? handOff : null;

  const sources = useMemo<SourceInput[]>(() => {
    const out: SourceInput[] = [];
    if (text.trim() !== "") out.push({ kind: "paste", text });
    if (csv) out.push({ kind: "csv", filename: csv.filename, content_base64: csv.base64, column: csv.column, header: csv.header });
    for (const g of groups) out.push({ kind: "group", group_id: g.id });
    if (selection) out.push({ kind: "selection", label: selection.label, entries: selection.ids });
    return out;
  }, [text, csv, groups, selection]);
  const inputsKey = JSON.stringify(sources.map((s) => (s.kind === "csv" ? { ...s, content_base64: s.content_base64.length } : s)));

  // "Resolve" shows where every entry went; "Save" keeps the list. Starting one stops the other.
  // The last resolution stays on screen while another runs (marked stale once the input changes).
  const [result, setResult] = useState<{ response: ResolveResponse; inputs: string } | null>(null);
  const resolve = useCancellableMutation((_inputs: string, signal) => postJson("/api/seed-lists/resolve", { sources, fresh }, resolveResponseSchema, { signal }), {
    onSuccess: (response, inputs) => setResult({ response, inputs }),
  });
  const save = useCancellableMutation((_: void, signal) => postJson("/api/seed-lists", { name, sources, fresh }, seedListMetaSchema, { signal }), {
    onSuccess: async (meta) => {
      await queryClient.invalidateQueries({ queryKey: seedListKeys.index() });
      router.push(`/seed-lists/${encodeURIComponent(meta.id)}`);
    },
  });
  const stale = result !== null && result.inputs !== inputsKey;
  const pending = resolve.isPending ? "resolve" : save.isPending ? "save" : null;
  const error = resolve.error ?? save.error;
  const run = (kind: "resolve" | "save") => {
    const other = kind === "resolve" ? save : resolve;
    other.cancel();
    other.reset();
    if (kind === "resolve") resolve.mutate(inputsKey);
    else save.mutate();
  };

  return (
    <div className="flex flex-col gap-4">
      <Panel title="New list" gap="gap-3">
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <PasteEntriesField
            label="Paste emails or user ids"
            value={text}
            onChange={setText}
            placeholder={"jane.doe@example.com\nuser_01AbC…\n“Doe, John” <john@example.com>; …"}
            hint="One per line, or separated by commas, semicolons or spaces; case does not matter for emails."
            count
          />
          <div className="flex flex-col gap-4">
            <CsvUploadField key={csvKey} label="Upload a CSV file (HR export, legal hold notice)" onChange={setCsv} />
            <GroupPicker added={groups.map((g) => g.id)} onAdd={(g) => setGroups((gs) => [...gs, { id: g.id, name: g.name }])} />
          </div>
        </div>

        {(csv || groups.length > 0 || selection) && (
          <ul aria-label="Added sources" className="flex flex-wrap gap-2 text-xs">
            {csv && (
              <li className="inline-flex items-center gap-1 rounded border border-slate-200 bg-slate-50 px-2 py-0.5">
                {csv.filename}, column {csv.columnName} ({countOf(csv.rows, "row")})
                <button type="button" aria-label={`Remove ${csv.filename}`} className="px-1 text-slate-500 hover:text-slate-900" onClick={() => (setCsv(null), setCsvKey((k) => k + 1))}>
                  ×
                </button>
              </li>
            )}
            {groups.map((g) => (
              <li key={g.id} className="inline-flex items-center gap-1 rounded border border-slate-200 bg-slate-50 px-2 py-0.5">
                Members of group {g.name}
                <button type="button" aria-label={`Remove group ${g.name}`} className="px-1 text-slate-500 hover:text-slate-900" onClick={() => setGroups((gs) => gs.filter((x) => x.id !== g.id))}>
                  ×
                </button>
              </li>
            ))}
            {selection && (
              <li className="inline-flex items-center gap-1 rounded border border-slate-200 bg-slate-50 px-2 py-0.5">
                {formatCount(selection.ids.length)} selected in {selection.label}
                <button type="button" aria-label="Remove the selection" className="px-1 text-slate-500 hover:text-slate-900" onClick={() => setRemovedHandOff(handOffKey)}>
                  ×
                </button>
              </li>
            )}
          </ul>
        )}

        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={primaryClass} disabled={sources.length === 0 || pending !== null} onClick={() => run("resolve")}>
            Resolve against the directory
          </button>
          <FreshCheckbox checked={fresh} onChange={setFresh} />
          {pending && (
            <PendingStatus onCancel={pending === "resolve" ? resolve.cancel : save.cancel}>
              {pending === "resolve" ? "Resolving against the whole directory" : "Saving"} (the first time, every organization and group is read: this can take a minute)…
            </PendingStatus>
          )}
        </div>
        {error && <ErrorNotice error={error} />}
      </Panel>

      {result && (
        <section aria-labelledby="seed-result" className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-3">
          <div className="flex flex-wrap items-baseline gap-x-3">
            <h2 id="seed-result" className="text-sm font-semibold text-slate-900">
              Resolution
            </h2>
            <p className="text-xs text-slate-600">
              From {describeSources(result.response.sources)}; directory as of {formatDateTime(Date.parse(result.response.resolution.directory_built_at))}.
            </p>
          </div>
          {stale && (
            <p role="status" className="rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900">
              The input changed since this resolution. Resolve again to see the list you would save.
            </p>
          )}
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              run("save");
            }}
          >
            <div>
              <label htmlFor={nameId} className="block text-xs font-medium text-slate-700">
                List name
              </label>
              <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} placeholder="Legal hold 2026-014" className={`mt-1 h-8 w-72 ${inputClass}`} />
            </div>
            <button type="submit" className={primaryClass} disabled={!canSave || stale || name.trim() === "" || pending !== null}>
              Save list
            </button>
            <p className="text-xs text-slate-600">
              {canSave
                ? "Saving keeps the entries as entered, who saved them and when; a saved list can be downloaded (CSV, ids, JSON), re-resolved and compared."
                : "Saving and downloading need the exporter role; you are logged in as a viewer."}
            </p>
          </form>
          <ResolutionView resolution={result.response.resolution} sources={result.response.sources} />
        </section>
      )}
    </div>
  );
}
