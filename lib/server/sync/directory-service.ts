import "server-only";
import type { Directory, DirectoryProgress } from "@/lib/shared/directory/types";
import type { Database } from "@/lib/server/store/database";
import { SyncNotFoundError } from "@/lib/server/store/errors";
import { store } from "@/lib/server/store/instance";
import type { SyncProgress } from "@/lib/server/store/schema/directory";
import { isSyncId, syncRepository, type SyncRecord } from "@/lib/server/store/syncs";
import { UpstreamError, type UpstreamErrorKind } from "@/lib/server/upstream/errors";
import { isPeopleQueryPrepared, preparePeopleQuery } from "@/lib/server/directory/people-query";
import { searchIndexOf } from "@/lib/server/directory/search-index";
import { preparePrivilegedReport } from "@/lib/server/privileged/kept-reports";
import { keepPeopleScreen } from "@/lib/server/first-screen/kept-people";
import { holdShutdownFor } from "@/lib/server/shutdown/held-work";
import { localSync, requestSync } from "./coordinator";
import { keptDirectoryDir, keptDirectoryOfSync } from "./directory-cache";
import { directoryOfSync } from "./directory-from-sync";

/*
 * Every directory page and route reads the directory through here: the newest complete sync (or
 * the one named by `as_of`), read from the database once and kept in memory while it is the one
 * asked for. After a restart the first request reads it from the database with no upstream call.
 * Before the very first sync completes, callers wait for it (starting it if nobody has) and see
 * its progress; a sync that fails is reported to them, never a partial directory.
 */

export interface LoadDirectoryOptions {
  signal?: AbortSignal;
  /** A sync id: the directory as it stood then. */
  asOf?: string;
  /** Called with the first sync's progress while callers wait for it. */
  onProgress?: (p: DirectoryProgress) => void;
  /** Kept for callers that pass the Refresh header: the store is read afresh anyway. */
  fresh?: boolean;
}


const SLOT = Symbol.for("compliance-directory.directory-service");
interface Loaded {
  syncId: string;
  promise: Promise<Directory>;
  directory?: Directory;
}
type Holder = { [SLOT]?: { newest?: Loaded; asOf: Map<string, Loaded> } };

function state() {
  const g = globalThis as Holder;
  g[SLOT] ??= { asOf: new Map() };
  return g[SLOT];
}

/** Past syncs kept in memory at once: each is a whole directory. */
const AS_OF_KEPT = 2;
const POLL_MS = 500;

/** People's first screen of the newest sync, kept for the next start (kept-people.ts); a failure costs only that. */
async function keepFirstScreen(directory: Directory, sync: SyncRecord): Promise<void> {
  if (!isPeopleQueryPrepared(directory)) return;
  await keepPeopleScreen(directory, sync).catch((err: unknown) =>
    console.error(`could not keep People's first screen of sync ${sync.id} (the next start waits for the directory instead): ${err instanceof Error ? err.message : String(err)}`),
  );
}

/** `keep`: the newest sync, read through this instance's kept copy (directory-cache.ts); a past one straight from the store. */
function read(database: Database, sync: SyncRecord, slot: Loaded | undefined, keep = false): Loaded {
  if (slot && slot.syncId === sync.id) return slot;
  const loaded: Loaded = { syncId: sync.id, promise: keep ? keptDirectoryOfSync(database, sync, keptDirectoryDir()) : directoryOfSync(database, sync) };
  loaded.promise.then(
    (d) => {
      loaded.directory = d;
      // People's index, the header search's and the privileged report, built once per directory (in slices): right after the load rather than on an officer's first request.
      // A stop waits for the newest sync's People index and kept first screen (they serve the next start), not for the rest, nor for a past sync's.
      const people = keep ? holdShutdownFor(preparePeopleQuery(d).then(() => keepFirstScreen(d, sync))) : preparePeopleQuery(d);
      void people
        .then(() => searchIndexOf.ready(d))
        .then(() => preparePrivilegedReport(d))
        .catch((err: unknown) => console.error("could not prepare the search index or the privileged report (built on first use instead):", err instanceof Error ? err.message : String(err)));
    },
    () => {},
  );
  return loaded;
}

export function toDirectoryProgress(sync: SyncRecord, p: SyncProgress | null | undefined): DirectoryProgress {
  return {
    phase: !p || p.phase === "listing" ? "listing" : p.phase === "done" ? "done" : "walking",
    startedAt: sync.startedAt.getTime(),
    organizationsTotal: p?.organizationsTotal ?? null,
    organizationsDone: p?.organizationsDone ?? 0,
    usersSoFar: p?.membershipsSoFar ?? 0,
    groupsTotal: p?.groupsTotal ?? null,
    groupsDone: p?.groupsDone ?? 0,
    pages: p?.pages ?? 0,
  };
}

function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new UpstreamError({ kind: "cancelled", message: "The request was cancelled." }));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

function firstSyncFailed(sync: SyncRecord): UpstreamError {
  // The upstream's own kind when it was the upstream (a missing scope stays a missing scope).
  const kind = (sync.error?.type.startsWith("upstream_") ? sync.error.type.slice("upstream_".length) : sync.status === "cancelled" ? "cancelled" : "server") as UpstreamErrorKind;
  return new UpstreamError({
    kind,
    message: `The first sync of the directory ${sync.status === "cancelled" ? "was cancelled" : "failed"}: ${sync.error?.message ?? "no reason recorded"} Start another with "Sync now".`,
    requestId: sync.error?.request_id,
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the first sync (on any instance) to end, forwarding its progress. */
async function waitForFirstSync(database: Database, opts: LoadDirectoryOptions): Promise<SyncRecord> {
  const repo = syncRepository(database);
  const { sync } = await requestSync({ trigger: "first" });
  for (;;) {
    if (opts.signal?.aborted) throw new UpstreamError({ kind: "cancelled", message: "The request was cancelled." });
    const current = (await repo.get(sync.id)) ?? sync;
    const local = localSync();
    opts.onProgress?.(toDirectoryProgress(current, local?.sync.id === sync.id ? local.progress : current.progress));
    if (current.status !== "running") {
      if (current.status === "complete") return current;
      const newest = await repo.newestComplete();
      if (newest) return newest;
      throw firstSyncFailed(current);
    }
    await sleep(POLL_MS);
  }
}

export async function loadDirectory(opts: LoadDirectoryOptions = {}): Promise<Directory> {
  const database = await store();
  const repo = syncRepository(database);
  const s = state();

  if (opts.asOf !== undefined) {
    const sync = isSyncId(opts.asOf) ? await repo.get(opts.asOf) : null;
    if (!sync || sync.status !== "complete") throw new SyncNotFoundError(opts.asOf);
    if (s.newest?.syncId === sync.id) return abortable(s.newest.promise, opts.signal);
    let loaded = s.asOf.get(sync.id);
    if (!loaded) {
      loaded = read(database, sync, undefined);
      s.asOf.set(sync.id, loaded);
      loaded.promise.catch(() => s.asOf.delete(sync.id));
      while (s.asOf.size > AS_OF_KEPT) s.asOf.delete(s.asOf.keys().next().value!);
    }
    return abortable(loaded.promise, opts.signal);
  }

  const newest = (await repo.newestComplete()) ?? (await abortable(waitForFirstSync(database, opts), opts.signal));
  return abortable(holdNewest(database, newest).promise, opts.signal);
}

/** The newest sync's directory, read once and shared; a failed read is forgotten so the next one retries. */
function holdNewest(database: Database, newest: SyncRecord): Loaded {
  const s = state();
  const loaded = read(database, newest, s.newest, true);
  if (loaded !== s.newest) {
    s.newest = loaded;
    loaded.promise.catch(() => {
      if (s.newest === loaded) s.newest = undefined;
    });
  }
  return loaded;
}

/**
 * The newest complete sync, with its directory when that is in memory already (its read is begun if
 * it had not been); null before any sync completed. For a caller that can answer from the store
 * while the directory is still being read (a person's page after a restart).
 */
export async function newestSync(): Promise<{ sync: SyncRecord; directory: Directory | undefined } | null> {
  const database = await store();
  const newest = await syncRepository(database).newestComplete();
  return newest ? { sync: newest, directory: holdNewest(database, newest).directory } : null;
}

/** The newest directory already in memory, without touching the database. */
export function peekDirectory(): Directory | undefined {
  return state().newest?.directory;
}

/** The sync this process is running, as directory progress. */
export function directoryProgress(): DirectoryProgress | undefined {
  const local = localSync();
  return local ? toDirectoryProgress(local.sync, local.progress) : undefined;
}

/** Reads the newest complete sync into memory in the background (server start); never starts a sync, never rejects. */
export function preloadNewestDirectory(): Promise<void> {
  return (async () => {
    const database = await store();
    const newest = await syncRepository(database).newestComplete();
    if (newest) await holdNewest(database, newest).promise;
  })().catch((err: unknown) => console.error("could not preload the newest sync:", err instanceof Error ? err.message : String(err)));
}
