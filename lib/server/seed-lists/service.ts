import "server-only";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import type { Directory } from "@/lib/shared/directory/types";
import { RESOLUTION_BUDGET_MS, timeBudget, type WorkBudget } from "@/lib/shared/directory/work-budget";
import { resolveSeedList } from "@/lib/shared/seed-lists/resolve";
import type { Resolution, SourceInput, SourceRecord } from "@/lib/shared/seed-lists/schema";
import { readSources, withGroupMembers } from "./sources";

/*
 * The steps every seed-list route shares: read the sources (refusing bad input before any
 * upstream call), load the whole-directory snapshot, resolve.
 */

export interface ResolveOptions {
  officer: string;
  signal?: AbortSignal;
  fresh?: boolean;
  /** Tests pass their own snapshot loader. */
  load?: (opts: { signal?: AbortSignal; fresh?: boolean }) => Promise<Directory>;
}

export async function resolveInputs(inputs: readonly SourceInput[], opts: ResolveOptions): Promise<{ sources: SourceRecord[]; resolution: Resolution }> {
  const partial = readSources(inputs);
  const directory = await (opts.load ?? loadDirectory)({ signal: opts.signal, fresh: opts.fresh });
  const sources = withGroupMembers(inputs, partial, directory);
  return { sources, resolution: resolveAgainst(sources, directory, opts.officer) };
}

export function resolveAgainst(sources: readonly SourceRecord[], directory: Directory, officer: string, budget?: WorkBudget): Resolution {
  return resolveSeedList(sources, {
    lookup: directory,
    directoryBuiltAt: directory.builtAt,
    officer,
    budget: budget ?? timeBudget("Resolving this list", RESOLUTION_BUDGET_MS),
  });
}
