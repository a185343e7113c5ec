import { RBAC_ID_RE } from "@/lib/shared/compliance/ids";
import { distinctParam, exportParams } from "./query-params";

/*
 * The query strings of the roles, groups and settings exports. Isomorphic like users-query: the
 * server validates with it before any upstream call, and the Exports page builds its links with
 * it, so a link the page makes always passes.
 *
 * roles.csv and settings.csv take `org=<uuid>` (repeated); groups are parent-wide (the API has no
 * organization on a group), so groups.csv takes `group=<id>` (repeated) instead. All take `bom=1`.
 */

export const DIRECTORY_EXPORT_KINDS = ["roles", "groups", "settings"] as const;
export type DirectoryExportKind = (typeof DIRECTORY_EXPORT_KINDS)[number];

export interface DirectoryExportQuery {
  /** Organization uuids (lower case, de-duplicated); empty = every organization. */
  orgs: string[];
  /** Group ids (de-duplicated); empty = every group. */
  groups: string[];
  /** Prefix a UTF-8 byte-order mark for Excel. */
  bom: boolean;
}

export type DirectoryExportQueryParse = { ok: true; query: DirectoryExportQuery } | { ok: false; message: string };

const PARAMS: Record<DirectoryExportKind, readonly string[]> = {
  roles: ["org", "bom"],
  groups: ["group", "bom"],
  settings: ["org", "bom"],
};

const refuse = (message: string): DirectoryExportQueryParse => ({ ok: false, message });

export function parseDirectoryExportQuery(params: URLSearchParams, kind: DirectoryExportKind): DirectoryExportQueryParse {
  const allowed = PARAMS[kind];
  const orgs = exportParams(params, allowed, (key) =>
    kind === "groups" && key === "org" ? " Groups belong to the parent organization, not to one organization, so they cannot be filtered by org." : "",
  );
  if (!orgs.ok) return orgs;
  const groups = distinctParam(params, "group", {
    valid: RBAC_ID_RE,
    refusal: (group) => `group "${group}" is not a group id (letters, digits, "_" and "-", like rbac_group_01...).`,
  });
  if (!groups.ok) return groups;

  const boms = params.getAll("bom");
  if (boms.length > 1 || (boms[0] !== undefined && boms[0] !== "1" && boms[0] !== "0")) return refuse("bom takes 1 (add a byte-order mark for Excel) or 0.");

  return { ok: true, query: { orgs: orgs.values, groups: groups.values, bom: boms[0] === "1" } };
}

/** The query as the audit log records it: only what was set. */
export function directoryExportFilters(query: DirectoryExportQuery): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (query.orgs.length) f.org = query.orgs;
  if (query.groups.length) f.group = query.groups;
  if (query.bom) f.bom = true;
  return f;
}

/**
 * The export link for a query, e.g. from the Exports page's choices. Filters the kind does not take
 * are left out. `xlsx` is the same rows as a workbook of text cells (same parameters).
 */
export function directoryExportHref(kind: DirectoryExportKind, query: Partial<DirectoryExportQuery> = {}, format: "csv" | "xlsx" = "csv"): string {
  const p = new URLSearchParams();
  if (kind !== "groups") for (const o of query.orgs ?? []) p.append("org", o);
  if (kind === "groups") for (const g of query.groups ?? []) p.append("group", g);
  if (query.bom) p.set("bom", "1");
  const s = p.toString();
  return `/api/export/${kind}.${format}${s ? `?${s}` : ""}`;
}
