import "server-only";
import type { Organization, Setting } from "@/lib/shared/compliance/schemas";
import type { CellRowsChunk } from "./cell-rows";
import { CELL_LIST_SEPARATOR, SETTINGS_COLUMNS } from "@/lib/shared/export/columns";
import { directoryExport, type DirectoryCsvExport } from "./directory-csv";
import type { FullDirectorySource } from "./directory-source";
import type { DirectoryExportQuery } from "@/lib/shared/export/export-query";

/*
 * settings.csv: the enforced settings of every (chosen) organization, one row per organization
 * and setting, in the order the API lists them. One request per organization. An organization
 * whose answer lists no setting still gets a row (empty setting cells), so every organization
 * asked for is visibly in the file. Setting kinds this build does not know are written the same
 * way as known ones (the value rule below does not depend on the type).
 */

export const SETTINGS_EXPORT_COLUMNS = SETTINGS_COLUMNS;

export const LIST_SEPARATOR = CELL_LIST_SEPARATOR;

/**
 * A setting's value as one cell: booleans `true`/`false`, null as empty, lists joined with ";",
 * objects (data retention periods) as compact JSON, everything else as its text.
 */
export function settingValueCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(listItem).join(LIST_SEPARATOR);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function listItem(item: unknown): string {
  if (item === null || item === undefined) return "";
  return typeof item === "object" ? JSON.stringify(item) : String(item);
}

export interface SettingsExportOptions {
  source: FullDirectorySource;
  /** From selectOrganizations. */
  organizations: readonly Organization[];
  query: DirectoryExportQuery;
}

const settingRow = (org: Organization, s: Setting) => [org.uuid, org.name, s.name, s.type, settingValueCell(s.value)];

async function* settingsChunks(opts: SettingsExportOptions, signal: AbortSignal): AsyncGenerator<CellRowsChunk> {
  for (const org of opts.organizations) {
    signal.throwIfAborted();
    const { settings } = await opts.source.organizationSettings(org.uuid, signal);
    const rows = settings.length > 0 ? settings.map((s) => settingRow(org, s)) : [[org.uuid, org.name, null, null, null]];
    yield { cells: rows };
  }
}

export function settingsExport(opts: SettingsExportOptions): DirectoryCsvExport {
  return directoryExport("settings", SETTINGS_EXPORT_COLUMNS, opts.query, (signal) => settingsChunks(opts, signal));
}
