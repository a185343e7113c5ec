import "server-only";
import type { Organization, Role } from "@/lib/compliance/schemas";
import type { CsvCell } from "@/lib/csv/write";
import type { CellRowsChunk } from "./cell-rows";
import { ROLES_COLUMNS } from "./columns";
import type { DirectoryCsvExport } from "./directory-csv";
import type { FullDirectorySource } from "./directory-source";
import { directoryExportFilters, type DirectoryExportQuery } from "./export-query";

/*
 * roles.csv: every RBAC role of every (chosen) organization with its permissions, one row per
 * (organization, role, permission), in upstream order. A role that grants nothing still gets a
 * row (empty permission cells), so "which roles exist" and "what they grant" come from one file.
 * Each permissions page becomes text as it arrives; no more than one page is held.
 */

export const ROLES_EXPORT_COLUMNS = ROLES_COLUMNS;

export interface RolesExportOptions {
  source: FullDirectorySource;
  /** From selectOrganizations. */
  organizations: readonly Organization[];
  query: DirectoryExportQuery;
}

const roleCells = (org: Organization, role: Role): CsvCell[] => [org.uuid, org.name, role.id, role.name, role.description];

async function* roleChunks(opts: RolesExportOptions, signal: AbortSignal): AsyncGenerator<CellRowsChunk> {
  for (const org of opts.organizations) {
    for await (const roles of opts.source.rolePages(org.uuid, signal)) {
      for (const role of roles) {
        const cells = roleCells(org, role);
        let granted = false;
        for await (const permissions of opts.source.permissionPages(org.uuid, role.id, signal)) {
          granted ||= permissions.length > 0;
          yield { cells: permissions.map((p) => [...cells, p.action, p.resource_type, p.resource_id]) };
        }
        if (!granted) yield { cells: [[...cells, null, null, null]] };
      }
    }
  }
}

export function rolesExport(opts: RolesExportOptions): DirectoryCsvExport {
  return {
    target: "roles.csv",
    header: ROLES_EXPORT_COLUMNS,
    filters: directoryExportFilters({ ...opts.query, groups: [] }),
    produce: (signal) => roleChunks(opts, signal),
  };
}
