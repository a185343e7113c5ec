import { ApiError } from "@/lib/browser/query/api-error";
import { parseTimestamp } from "@/lib/browser/format/dates";
import { orgPrefixedId } from "@/lib/shared/compliance/ids";
import { NO_SETTINGS_MESSAGE, type StoredOverview } from "@/lib/shared/directory/tree-wire";
import { summarizeSettings, type SettingsSummary } from "./tree-summary";

/*
 * One row of the Overview's table, whichever way it was counted: in the browser as the live routes
 * answer (each count fills in on its own), or by the server from one sync (every count done at once).
 */

export type Cell<T> =
  | { kind: "waiting" }
  | { kind: "loading"; loaded: number }
  | { kind: "done"; value: T }
  | { kind: "error"; error: ApiError };

export interface OrganizationRow {
  uuid: string;
  name: string;
  prefixedId: string;
  created_at: string;
  createdMs: number | null;
  users: Cell<number>;
  roles: Cell<number>;
  groups: Cell<number>;
  settings: Cell<SettingsSummary>;
}

/** The server's counts from one sync, as rows: every cell is done. */
export function storedOrganizationRows(overview: StoredOverview): OrganizationRow[] {
  return overview.organizations.map((o) => ({
    uuid: o.uuid,
    name: o.name,
    prefixedId: orgPrefixedId(o.uuid),
    created_at: o.created_at,
    createdMs: parseTimestamp(o.created_at),
    users: { kind: "done", value: o.users },
    roles: { kind: "done", value: o.roles },
    groups: { kind: "done", value: o.groups },
    settings: o.settings ? { kind: "done", value: summarizeSettings({ organization_id: o.uuid, settings: o.settings }) } : MISSING_SETTINGS,
  }));
}

/** A sync that holds no settings for an organization (an older store, or a failed read) says so, as a failed count would. */
const MISSING_SETTINGS: Cell<SettingsSummary> = {
  kind: "error",
  error: new ApiError({ status: 404, type: "not_found", message: NO_SETTINGS_MESSAGE }),
};
