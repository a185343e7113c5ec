import "server-only";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import type { Directory } from "@/lib/shared/directory/types";
import { RESOLUTION_BUDGET_MS, timeBudget } from "@/lib/shared/directory/work-budget";
import { SourceError } from "@/lib/server/seed-lists/sources";
import type { NewRun } from "./db-store";
import { reconcileGroup } from "./diff";
import type { ExpectedInput } from "@/lib/shared/reconciliation/schema";
import { readExpected } from "./service";

/*
 * A saved reconciliation's runs: the kept entries against a sync's directory (the newest, unless
 * the officer names one). Input is read (and refused) before the directory is loaded.
 */

type Load = (opts: { signal?: AbortSignal; asOf?: string }) => Promise<Directory>;

export interface RunOptions {
  signal?: AbortSignal;
  asOf?: string;
  officer: string;
  load?: Load;
}

/** The id an audit entry and a run quote for the directory's sync. */
export const syncIdOf = (d: Directory) => d.sync?.id ?? `built-${new Date(d.builtAt).toISOString()}`;

export function readSavedInput(expected: ExpectedInput): { entries: string[]; from: string } {
  const read = readExpected(expected);
  if (read.entries.every((e) => e.trim() === "")) throw new SourceError("The expected list is empty. Paste the members the system of record expects, or upload its CSV file.");
  return read;
}

export async function runReconciliation(groupId: string, entries: readonly string[], opts: RunOptions): Promise<{ group: { id: string; name: string }; run: NewRun }> {
  const directory = await (opts.load ?? loadDirectory)({ signal: opts.signal, asOf: opts.asOf });
  const g = directory.groupsById.get(groupId);
  if (!g) throw new SourceError(`There is no group ${groupId} in the directory of this sync. Pick a group that exists in it.`);
  const group = { id: g.group.id, name: g.group.name };
  const result = reconcileGroup({ group, members: g.members }, entries, directory, timeBudget("Reconciling this list", RESOLUTION_BUDGET_MS));
  return {
    group,
    run: { syncId: syncIdOf(directory), directoryBuiltAt: new Date(directory.builtAt).toISOString(), ranBy: opts.officer, ranAt: new Date().toISOString(), result },
  };
}

/** `reconciliation:rc_... "Sales EMEA vs HR"`: as the audit log names a saved reconciliation. */
export function reconciliationTarget(id: string, name: string): string {
  return `reconciliation:${id} ${JSON.stringify(name.slice(0, 200))}`;
}
