import "server-only";
import type { Permission } from "@/lib/compliance/schemas";
import { UpstreamError } from "@/lib/upstream/errors";
import { buildDirectory } from "./build";
import type { DirectorySource } from "./source";
import type { Directory, DirectoryProgress } from "./types";

/*
 * The last complete snapshot, and at most one walk building the next. Every caller that needs
 * the directory while a walk runs joins that walk (one walk however many officers open People),
 * and a snapshot younger than the TTL is answered without any walk. A failed walk changes nothing:
 * the previous snapshot stays, and the callers see the failure, never a partial directory.
 */

export interface LoadDirectoryOptions {
  signal?: AbortSignal;
  /** Rebuild now, bypassing the snapshot and cached upstream pages (the officer's refresh). */
  fresh?: boolean;
  /** Called with the running walk's progress: at once on joining, then on every page. */
  onProgress?: (p: DirectoryProgress) => void;
}

export interface PermissionsOptions {
  signal?: AbortSignal;
  fresh?: boolean;
}

export interface DirectoryCacheOptions {
  source: DirectorySource;
  /** Seconds a snapshot (and a role's permissions) is served without walking again. */
  ttlSeconds: number | (() => number);
  concurrency?: number;
  now?: () => number;
}

export interface DirectoryCache {
  load(opts?: LoadDirectoryOptions): Promise<Directory>;
  /** The last complete snapshot, however old; undefined before the first walk succeeds. */
  peek(): Directory | undefined;
  /** The running walk's progress, if a walk is running. */
  progress(): DirectoryProgress | undefined;
  /** A role's permissions, walked on first use and kept for the TTL. */
  permissionsOf(orgUuid: string, roleId: string, opts?: PermissionsOptions): Promise<Permission[]>;
}

interface Flight {
  promise: Promise<Directory>;
  ctrl: AbortController;
  fresh: boolean;
  listeners: Set<(p: DirectoryProgress) => void>;
  waiters: number;
  progress?: DirectoryProgress;
}

function cancelled(): UpstreamError {
  return new UpstreamError({ kind: "cancelled", message: "The directory walk was cancelled." });
}

/** Settles with `promise`, or rejects as cancelled when `signal` aborts first (the promise runs on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort: () => void): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    onAbort();
    return Promise.reject(cancelled());
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(cancelled());
    };
    signal.addEventListener("abort", abort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", abort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", abort);
        reject(e);
      },
    );
  });
}

export function createDirectoryCache(options: DirectoryCacheOptions): DirectoryCache {
  const now = options.now ?? Date.now;
  const ttlMs = () => 1000 * (typeof options.ttlSeconds === "function" ? options.ttlSeconds() : options.ttlSeconds);
  let snapshot: Directory | undefined;
  let flight: Flight | undefined;
  const permissions = new Map<string, { at: number; promise: Promise<Permission[]> }>();

  function start(fresh: boolean): Flight {
    const f: Flight = { ctrl: new AbortController(), fresh, listeners: new Set(), waiters: 0, promise: undefined! };
    f.promise = buildDirectory(options.source, {
      signal: f.ctrl.signal,
      fresh,
      concurrency: options.concurrency,
      now,
      onProgress: (p) => {
        f.progress = p;
        for (const l of f.listeners) l(p);
      },
    }).then(
      (dir) => {
        // A refresh that overtook an older walk must not be replaced by that older walk's result.
        if (!snapshot || dir.startedAt >= snapshot.startedAt) snapshot = dir;
        if (flight === f) flight = undefined;
        return dir;
      },
      (err) => {
        if (flight === f) flight = undefined;
        throw err;
      },
    );
    // Nobody may be waiting when it fails (all cancelled); the failure is still reported to joiners.
    f.promise.catch(() => {});
    flight = f;
    return f;
  }

  function join(f: Flight, opts: LoadDirectoryOptions): Promise<Directory> {
    f.waiters++;
    const listener = opts.onProgress;
    if (listener) {
      f.listeners.add(listener);
      if (f.progress) listener(f.progress);
    }
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      if (listener) f.listeners.delete(listener);
      // The last one out stops the walk: nobody is left to use it, and it spends the shared budget.
      if (--f.waiters === 0) f.ctrl.abort(cancelled());
    };
    return untilAborted(f.promise, opts.signal, leave).finally(() => {
      if (!left) {
        left = true;
        if (listener) f.listeners.delete(listener);
        f.waiters--;
      }
    });
  }

  return {
    load(opts = {}) {
      if (!opts.fresh && snapshot && now() - snapshot.builtAt < ttlMs()) return Promise.resolve(snapshot);
      // A walk whose last caller left is stopping; a newcomer starts over rather than share its end.
      const joinable = flight && !flight.ctrl.signal.aborted && (flight.fresh || !opts.fresh) ? flight : undefined;
      const f = joinable ?? start(opts.fresh ?? false);
      return join(f, opts);
    },
    peek: () => snapshot,
    progress: () => flight?.progress,
    permissionsOf(orgUuid, roleId, opts = {}) {
      const key = `${orgUuid}/${roleId}`;
      const hit = permissions.get(key);
      let entry = hit && !opts.fresh && now() - hit.at < ttlMs() ? hit : undefined;
      if (!entry) {
        const promise = (async () => {
          const all: Permission[] = [];
          // Shared by whoever asks next, so it runs unbound from this caller's signal.
          for await (const page of options.source.rolePermissions(orgUuid, roleId, { priority: "interactive", fresh: opts.fresh })) {
            all.push(...page);
          }
          return all;
        })();
        const created = { at: now(), promise };
        entry = created;
        permissions.set(key, created);
        promise.catch(() => {
          if (permissions.get(key) === created) permissions.delete(key);
        });
      }
      return untilAborted(entry.promise, opts.signal, () => {});
    },
  };
}
