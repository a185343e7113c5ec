import "server-only";
import { readCsv } from "@/lib/shared/csv/read";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import type { Directory } from "@/lib/shared/directory/types";
import { parsePastedEntries } from "@/lib/shared/seed-lists/input";
import { csvSourceRecord, decodeUpload, isPersonRef, refuseLongEntries, SourceError } from "@/lib/server/seed-lists/sources";
import { RESOLUTION_BUDGET_MS, timeBudget } from "@/lib/shared/directory/work-budget";
import { bulkLayout, groupBulkRecords } from "./bulk";
import { reconcileGroup } from "./diff";
import { MAX_EXPECTED_ENTRIES, type BulkRequest, type BulkResponse, type ExpectedInput, type ReconcileResponse } from "@/lib/shared/reconciliation/schema";

/*
 * Reconciliation against the whole-directory snapshot: groups, their members and every person are
 * already in it, so reconciling one group or all of them costs no upstream call beyond the walk
 * the snapshot shares with every page. Input is read (and refused) before the snapshot is loaded.
 */

type Load = (opts: { signal?: AbortSignal; fresh?: boolean }) => Promise<Directory>;

export interface ReconcileOptions {
  signal?: AbortSignal;
  fresh?: boolean;
  load?: Load;
}

const n = (k: number) => k.toLocaleString("en-US");

/** The expected entries, and a line saying where they came from. */
export function readExpected(input: ExpectedInput): { entries: string[]; from: string } {
  if (input.kind === "paste") {
    const { entries } = parsePastedEntries(input.text);
    refuseLongEntries(entries, "The pasted text");
    if (entries.length > MAX_EXPECTED_ENTRIES) throw new SourceError(`The list holds ${n(entries.length)} entries; the limit is ${n(MAX_EXPECTED_ENTRIES)}.`);
    return { entries, from: `pasted (${n(entries.length)} entries)` };
  }
  const record = csvSourceRecord(input);
  return { entries: record.entries, from: `${record.filename}, column ${record.column_name} (${n(record.rows)} rows)` };
}

export async function reconcileOne(groupId: string, expected: ExpectedInput, opts: ReconcileOptions = {}): Promise<ReconcileResponse> {
  const { entries, from } = readExpected(expected);
  if (entries.every((e) => e.trim() === "")) throw new SourceError("The expected list is empty. Paste the members the system of record expects, or upload its CSV file.");
  const directory = await (opts.load ?? loadDirectory)({ signal: opts.signal, fresh: opts.fresh });
  const g = directory.groupsById.get(groupId);
  if (!g) throw new SourceError(`There is no group ${groupId} in the directory. Pick a group from the list; refresh the directory if it was created just now.`);
  return {
    directory_built_at: new Date(directory.builtAt).toISOString(),
    ...(directory.sync ? { sync_id: directory.sync.id } : {}),
    expected_from: from,
    result: reconcileGroup({ group: { id: g.group.id, name: g.group.name }, members: g.members }, entries, directory, timeBudget("Reconciling this list", RESOLUTION_BUDGET_MS)),
  };
}

/** The bulk file's records: pasted text or the uploaded bytes, read by lib/shared/csv without a header (the layout decides). */
function readBulk(input: BulkRequest["input"]): { records: string[][]; from: string } {
  const source = input.kind === "paste" ? input.text : decodeUpload(input.filename, input.content_base64);
  const read = readCsv(source, { header: false, maxRows: MAX_EXPECTED_ENTRIES + 1 });
  const name = input.kind === "paste" ? "The pasted text" : input.filename;
  if (!read.ok) throw new SourceError(`${name}: ${read.message}`);
  // Group names and entries alike: no cell longer than an entry reaches a pattern.
  refuseLongEntries(read.rows.map((r) => r.reduce((a, c) => (c.length > a.length ? c : a), "")), name, "record");
  return { records: read.rows, from: input.kind === "paste" ? "pasted text" : input.filename };
}

export async function reconcileBulk(request: BulkRequest, opts: ReconcileOptions = {}): Promise<BulkResponse> {
  const { records, from } = readBulk(request.input);
  const layout = bulkLayout(records);
  const data = layout.header ? records.slice(1) : records;
  if (data.length === 0) throw new SourceError("The file holds a header and no records. Each record is one expected membership: group_name_or_id,email.");
  if (!data.some((r) => isPersonRef(r[layout.entryColumn] ?? ""))) {
    throw new SourceError(`${from === "pasted text" ? "The pasted text" : from}: no record has an email address or user id where one is expected (column ${layout.entryColumn + 1}). Each record is one expected membership: group_name_or_id,email.`);
  }
  const directory = await (opts.load ?? loadDirectory)({ signal: opts.signal, fresh: opts.fresh });

  const named = groupBulkRecords(
    data,
    layout,
    directory.groups.map((g) => ({ id: g.group.id, name: g.group.name })),
    layout.header ? 2 : 1,
  );
  const listed = new Set(named.groups.map((g) => g.group.id));
  const unlisted = directory.groups.filter((g) => !listed.has(g.group.id));
  const targets = [
    ...named.groups.map((x) => ({ id: x.group.id, entries: x.entries })),
    ...(request.include_unlisted ? unlisted.map((g) => ({ id: g.group.id, entries: [] as string[] })) : []),
  ];
  const budget = timeBudget("Reconciling this file", RESOLUTION_BUDGET_MS);
  const results = targets.map(({ id, entries }) => {
    const g = directory.groupsById.get(id)!;
    return reconcileGroup({ group: { id: g.group.id, name: g.group.name }, members: g.members }, entries, directory, budget);
  });
  return {
    directory_built_at: new Date(directory.builtAt).toISOString(),
    ...(directory.sync ? { sync_id: directory.sync.id } : {}),
    expected_from: from,
    rows: data.length,
    header: layout.header,
    results,
    unknown_groups: named.unknown,
    rows_without_group: named.withoutGroup,
    unlisted_groups: unlisted.map((g) => ({ id: g.group.id, name: g.group.name, members: g.members.length })),
  };
}
