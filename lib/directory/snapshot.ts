import "server-only";
import type { Permission } from "@/lib/compliance/schemas";
import { config } from "@/lib/config";
import { createDirectoryCache, type DirectoryCache, type LoadDirectoryOptions, type PermissionsOptions } from "./cache";
import type { Directory, DirectoryProgress } from "./types";
import { upstreamDirectorySource } from "./upstream-source";

/*
 * The process-wide snapshot, on globalThis so route bundles and dev reloads share one walk and one
 * cache instead of each holding its own. Tests make their own with createDirectoryCache.
 */

const KEY = Symbol.for("compliance-directory.directory-cache");
type Holder = typeof globalThis & { [KEY]?: DirectoryCache };

export function defaultDirectoryCache(): DirectoryCache {
  const g = globalThis as Holder;
  g[KEY] ??= createDirectoryCache({
    source: upstreamDirectorySource(),
    ttlSeconds: () => config().cacheTtlSeconds,
  });
  return g[KEY];
}

/** The whole directory: the snapshot if younger than the TTL, else the (shared) walk's result. */
export function loadDirectory(opts: LoadDirectoryOptions = {}, cache: DirectoryCache = defaultDirectoryCache()): Promise<Directory> {
  return cache.load(opts);
}

/** The last complete snapshot however old, without walking. */
export function peekDirectory(cache: DirectoryCache = defaultDirectoryCache()): Directory | undefined {
  return cache.peek();
}

/** The running walk's progress, if one is running. */
export function directoryProgress(cache: DirectoryCache = defaultDirectoryCache()): DirectoryProgress | undefined {
  return cache.progress();
}

/** A role's permissions, loaded on first use (interactive priority) and cached for the TTL. */
export function permissionsOf(
  orgUuid: string,
  roleId: string,
  opts: PermissionsOptions = {},
  cache: DirectoryCache = defaultDirectoryCache(),
): Promise<Permission[]> {
  return cache.permissionsOf(orgUuid, roleId, opts);
}
