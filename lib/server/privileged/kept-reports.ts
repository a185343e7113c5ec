import "server-only";
import { config } from "@/lib/server/config";
import { processWide } from "@/lib/server/process-wide";
import { SlicedBuild } from "@/lib/server/directory/time-slices";
import type { Directory } from "@/lib/shared/directory/types";
import type { PrivilegedReport } from "@/lib/shared/privileged/wire";
import { privilegedReportSteps } from "./report";
import { preparePrivilegedQuery } from "./report-query";

/*
 * A report is a pure function of two syncs' directories (kept in memory, unchanging) and the
 * configured actions, so it is computed once per pair and reused: at 200,000 memberships the walk
 * over every person costs more than sending the answer.
 */
const KEPT_PER_DIRECTORY = 4;
const reports = processWide("privileged-reports", () => new WeakMap<Directory, Map<string, SlicedBuild<PrivilegedReport>>>());

/** The report's one build for a pair of directories, computed in slices (see report.ts) and kept. */
export function reportOf(directory: Directory, actions: readonly string[], since: Directory | undefined): Promise<PrivilegedReport> {
  const key = `${since ? (since.sync?.id ?? `built ${since.builtAt}`) : ""}\u0000${actions.join(",")}`;
  let kept = reports.get(directory);
  if (!kept) reports.set(directory, (kept = new Map()));
  let build = kept.get(key);
  if (!build) {
    build = new SlicedBuild(privilegedReportSteps(directory, actions, since));
    kept.set(key, build);
    while (kept.size > KEPT_PER_DIRECTORY) kept.delete(kept.keys().next().value!);
  }
  return build.inSlices();
}

/**
 * The report of a directory just read (the newest sync, no comparison) and its query index
 * (report-query.ts), computed then rather than on an officer's first visit, so the page's first
 * screen is at hand when it is asked for.
 */
export async function preparePrivilegedReport(directory: Directory): Promise<void> {
  await preparePrivilegedQuery(await reportOf(directory, config().privilegedActions, undefined));
}
