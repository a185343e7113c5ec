import "server-only";
import type { Group } from "@/lib/shared/compliance/schemas";
import type { CsvCell } from "@/lib/shared/csv/write";
import { parentRows, type CellRowsChunk } from "./cell-rows";
import { CELL_LIST_SEPARATOR, GROUPS_COLUMNS } from "@/lib/shared/export/columns";
import { directoryExport, type DirectoryCsvExport } from "./directory-csv";
import type { FullDirectorySource } from "./directory-source";
import type { DirectoryExportQuery } from "@/lib/shared/export/export-query";
import { refuseUnknownIds } from "./refusal";

/*
 * groups.csv: every group of the parent (or the `group=` ones) with its members, one row per
 * (group, member), in upstream order. A group without members still gets a row (empty member
 * cells). Role ids are joined with ";" in one cell; the members' names are not in the file
 * because the members list does not carry them (join with users.csv on user_id).
 */

export const GROUPS_EXPORT_COLUMNS = GROUPS_COLUMNS;

export const ROLE_IDS_SEPARATOR = CELL_LIST_SEPARATOR;

export interface GroupsExportOptions {
  source: FullDirectorySource;
  /** The groups chosen by selectGroups; undefined = every group, walked as the body streams. */
  groups?: readonly Group[];
  query: DirectoryExportQuery;
}

/**
 * The groups named by `group=` ids, in upstream order, read before the response starts so an
 * unknown id is a 404, not a broken download. Walks the groups list (a few pages at most) rather
 * than asking for each id.
 */
export async function selectGroups(source: FullDirectorySource, groupIds: readonly string[], signal: AbortSignal): Promise<Group[]> {
  const wanted = new Set(groupIds);
  const chosen: Group[] = [];
  for await (const page of source.groupPages(signal)) {
    for (const group of page) if (wanted.has(group.id)) chosen.push(group);
  }
  refuseUnknownIds("group", "Groups", wanted, new Set(chosen.map((g) => g.id)));
  return chosen;
}

const groupCells = (g: Group): CsvCell[] => [g.id, g.name, g.source_type, (g.roles ?? []).join(ROLE_IDS_SEPARATOR)];

async function* groupChunks(opts: GroupsExportOptions, signal: AbortSignal): AsyncGenerator<CellRowsChunk> {
  const pages: AsyncIterable<readonly Group[]> | Iterable<readonly Group[]> = opts.groups ? [opts.groups] : opts.source.groupPages(signal);
  for await (const groups of pages) {
    for (const group of groups) {
      yield* parentRows(groupCells(group), opts.source.memberPages(group.id, signal), (m) => [m.user_id, m.email, m.created_at], 3);
    }
  }
}

export function groupsExport(opts: GroupsExportOptions): DirectoryCsvExport {
  return directoryExport("groups", GROUPS_EXPORT_COLUMNS, opts.query, (signal) => groupChunks(opts, signal));
}
