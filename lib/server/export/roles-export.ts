import "server-only";
import type { Organization, Role } from "@/lib/shared/compliance/schemas";
import type { CsvCell } from "@/lib/shared/csv/write";
import { parentRows, type CellRowsChunk } from "./cell-rows";
import { ROLES_COLUMNS } from "@/lib/shared/export/columns";
import { directoryExport, type DirectoryCsvExport } from "./directory-csv";
import type { FullDirectorySource } from "./directory-source";
import type { DirectoryExportQuery } from "@/lib/shared/export/export-query";

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
        yield* parentRows(roleCells(org, role), opts.source.permissionPages(org.uuid, role.id, signal), (p) => [p.action, p.resource_type, p.resource_id], 3);
      }
    }
  }
}

export function rolesExport(opts: RolesExportOptions): DirectoryCsvExport {
  return directoryExport("roles", ROLES_EXPORT_COLUMNS, opts.query, (signal) => roleChunks(opts, signal));
}
