import "server-only";
import type { Permission } from "@/lib/shared/compliance/schemas";
import * as service from "@/lib/server/sync/directory-service";
import type { Directory, DirectoryProgress } from "@/lib/shared/directory/types";

/*
 * The whole directory for routes and services: the newest complete sync from the store (or the
 * one named by `asOf`), see lib/server/sync/directory-service.ts. Nothing here calls the upstream.
 */

export type LoadDirectoryOptions = service.LoadDirectoryOptions;
export { SyncNotFoundError } from "@/lib/server/store/errors";

export function loadDirectory(opts: LoadDirectoryOptions = {}): Promise<Directory> {
  return service.loadDirectory(opts);
}

/** The newest directory already in memory, however old, without reading anything. */
export function peekDirectory(): Directory | undefined {
  return service.peekDirectory();
}

/** The running sync's progress, if this process runs one. */
export function directoryProgress(): DirectoryProgress | undefined {
  return service.directoryProgress();
}

/** A role's permissions as the directory's sync read them (every role's are read by a sync). */
export async function permissionsOf(orgUuid: string, roleId: string, opts: { signal?: AbortSignal; asOf?: string } = {}): Promise<Permission[]> {
  const directory = await loadDirectory({ signal: opts.signal, asOf: opts.asOf });
  return directory.permissionsByRole?.get(`${orgUuid}/${roleId}`) ?? [];
}
