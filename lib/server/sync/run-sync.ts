import "server-only";
import type { Group, Organization, Role } from "@/lib/shared/compliance/schemas";
import type { DirectorySource, PageStream, SourceOptions } from "@/lib/server/directory/source";
import {
  groupFact,
  groupMemberFact,
  groupRoleFact,
  memberFact,
  organizationFact,
  permissionFact,
  roleFact,
  settingFact,
  settingsRecordFact,
  type Fact,
} from "@/lib/server/store/facts";
import type { SyncProgress } from "@/lib/server/store/schema/directory";
import { isStoreUnavailable, storeUnavailableMessage } from "@/lib/server/store/errors";
import { SyncLostError, factId, type SyncRecord, type SyncRepository } from "@/lib/server/store/syncs";
import { UpstreamError, isUpstreamError } from "@/lib/server/upstream/errors";

/*
 * One sync: the whole directory read through the upstream client at bulk priority (so an officer's
 * live page goes first) and staged in the database page by page, so memory holds a page, not the
 * directory. Organizations and groups are listed first; then every organization's users, roles
 * (each role's permissions) and settings, and every group's members, a few walks at a time so the
 * throttle always has the next request queued. Any failure stops the rest: the sync ends failed,
 * its staged rows are deleted, and the newest complete sync stays current.
 */

export interface RunSyncOptions {
  source: DirectorySource;
  repo: SyncRepository;
  sync: SyncRecord;
  holder: string;
  signal?: AbortSignal;
  /** Walks in flight at once; a handful keeps a 4-rps throttle full without crowding its queue. */
  concurrency?: number;
  heartbeatMs?: number;
  onProgress?: (p: SyncProgress, upstreamCalls: number) => void;
}

const DEFAULT_CONCURRENCY = 6;

/** A fact read by this sync, in place of its hash (a hash is never empty). */
const READ = "";

/** The facts true before this sync that it did not read: they have disappeared. */
function* unread(known: ReadonlyMap<string, string>): Generator<string> {
  for (const [id, hash] of known) if (hash !== READ) yield id;
}

function cancelled(reason?: unknown): UpstreamError {
  const message = typeof reason === "string" ? reason : "The sync was cancelled.";
  return new UpstreamError({ kind: "cancelled", message });
}

export async function runSync(opts: RunSyncOptions): Promise<SyncRecord> {
  const { source, repo, sync, holder } = opts;
  const ctrl = new AbortController();
  const onOuterAbort = () => ctrl.abort(cancelled(opts.signal?.reason));
  opts.signal?.addEventListener("abort", onOuterAbort, { once: true });
  if (opts.signal?.aborted) onOuterAbort();

  let upstreamCalls = 0;
  const progress: SyncProgress = {
    phase: "listing",
    organizationsTotal: null,
    organizationsDone: 0,
    membershipsSoFar: 0,
    groupsTotal: null,
    groupsDone: 0,
    rolesTotal: null,
    rolesDone: 0,
    pages: 0,
  };
  const report = () => opts.onProgress?.({ ...progress }, upstreamCalls);
  // Fresh answers, for the store: in the upstream cache they only refresh pages an officer had asked for.
  const sourceOpts: SourceOptions = { signal: ctrl.signal, priority: "bulk", fresh: true, keep: false, onSent: () => upstreamCalls++ };

  let firstError: unknown;
  const fail = (err: unknown) => {
    firstError ??= err;
    ctrl.abort(err);
  };

  // The lease: renewed while the walk runs; losing it (another instance failed us as stale) stops us.
  const beat = async () => {
    try {
      if (!(await repo.heartbeat(sync.id, holder, progress, upstreamCalls))) fail(new SyncLostError(sync.id));
    } catch {
      // A database hiccup: the next beat tries again; a long outage makes the lease go stale.
    }
  };
  const heartbeat = setInterval(() => void beat(), opts.heartbeatMs ?? 5_000);
  heartbeat.unref?.();

  async function each<T>(stream: PageStream<T>, onPage: (rows: T[]) => Promise<void> | void): Promise<void> {
    for await (const page of stream) {
      if (ctrl.signal.aborted) throw ctrl.signal.reason ?? cancelled();
      progress.pages++;
      await onPage(page);
      report();
    }
  }

  /**
   * Runs `tasks` with at most `limit` at once. A running task may add tasks to the array (a role's
   * permission walk once its organization's roles are in): idle workers wait for them while any
   * task still runs, so the queue stays `limit` deep to the end.
   */
  async function pool(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
    let next = 0;
    let running = 0;
    let wake: (() => void) | undefined;
    const nudge = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const worker = async () => {
      for (;;) {
        if (ctrl.signal.aborted) return;
        if (next < tasks.length) {
          const task = tasks[next++]!;
          running++;
          try {
            await task();
          } catch (err) {
            fail(err);
          } finally {
            running--;
            nudge();
          }
          continue;
        }
        if (running === 0) return nudge();
        await new Promise<void>((resolve) => {
          const prev = wake;
          wake = () => {
            prev?.();
            resolve();
          };
        });
      }
    };
    await Promise.all(Array.from({ length: limit }, worker));
  }


  // Every fact true now with its hash, to compare each fact read against: only new and changed
  // versions are written, so a sync of an unchanged directory writes almost nothing. A fact read is
  // marked READ in the same map (one entry a fact, not a second set of ids beside it: 300,000 at
  // 200,000 memberships), so a fact read twice (a permission listed twice) counts once, and what is
  // left unmarked at the end is what disappeared.
  let known = new Map<string, string>();
  const stage = (facts: Fact[]) => {
    const fresh: Fact[] = [];
    for (const f of facts) {
      const id = factId(f.kind, f.key);
      const before = known.get(id);
      if (before === READ) continue;
      known.set(id, READ);
      if (before !== f.hash) fresh.push(f);
    }
    return fresh.length ? repo.stage(sync.id, fresh) : Promise.resolve();
  };
  const check = () => {
    if (firstError === undefined && ctrl.signal.aborted) firstError = ctrl.signal.reason ?? cancelled();
    if (firstError !== undefined) throw firstError;
  };

  try {
    known = await repo.openFactHashes();
    report();
    const organizations: Organization[] = [];
    const groups: Group[] = [];
    await pool(
      [
        async () => {
          await each(source.organizations(sourceOpts), async (rows) => {
            organizations.push(...rows);
            await stage(rows.map(organizationFact));
          });
          progress.organizationsTotal = organizations.length;
        },
        async () => {
          await each(source.groups(sourceOpts), async (rows) => {
            groups.push(...rows);
            await stage(rows.flatMap((g) => [groupFact(g), ...[...new Set(g.roles ?? [])].map((r) => groupRoleFact(g.id, r))]));
          });
          progress.groupsTotal = groups.length;
        },
      ],
      2,
    );
    check();

    progress.phase = "walking";
    progress.rolesTotal = 0;
    report();
    const tasks: Array<() => Promise<void>> = [];
    // Each role's permission walk joins the same queue as soon as its organization's roles arrive,
    // so the throttle never idles between "roles" and "permissions" (the pool's workers pick up
    // tasks added while they run).
    for (const org of organizations) {
      let left = 3;
      const partDone = () => {
        if (--left === 0) progress.organizationsDone++;
      };
      tasks.push(async () => {
        await each(source.organizationUsers(org.uuid, sourceOpts), async (rows) => {
          progress.membershipsSoFar += rows.length;
          await stage(rows.map((u) => memberFact(org.uuid, u)));
        });
        partDone();
      });
      tasks.push(async () => {
        const roles: Role[] = [];
        await each(source.roles(org.uuid, sourceOpts), async (rows) => {
          roles.push(...rows);
          await stage(rows.map((r) => roleFact(org.uuid, r)));
        });
        progress.rolesTotal! += roles.length;
        for (const role of roles) {
          tasks.push(async () => {
            await each(source.rolePermissions(org.uuid, role.id, sourceOpts), (rows) => stage(rows.map((p) => permissionFact(org.uuid, role.id, p))));
            progress.rolesDone++;
          });
        }
        partDone();
      });
      tasks.push(async () => {
        const settings = await source.organizationSettings(org.uuid, sourceOpts);
        if (ctrl.signal.aborted) throw ctrl.signal.reason ?? cancelled();
        await stage([settingsRecordFact(org.uuid, settings), ...settings.settings.map((s) => settingFact(org.uuid, s))]);
        progress.pages++;
        report();
        partDone();
      });
    }
    for (const g of groups) {
      tasks.push(async () => {
        await each(source.groupMembers(g.id, sourceOpts), (rows) => stage(rows.map((m) => groupMemberFact(g.id, m))));
        progress.groupsDone++;
      });
    }
    await pool(tasks, opts.concurrency ?? DEFAULT_CONCURRENCY);
    check();

    progress.phase = "saving";
    report();
    await beat();
    check();
    return await repo.complete(sync.id, holder, upstreamCalls, unread(known));
  } catch (err) {
    const cause = firstError ?? err;
    const wasCancelled = isUpstreamError(cause) && cause.kind === "cancelled";
    // A store failure is told in the officer's words (out of space, unreachable); the database's own go to the log.
    if (isStoreUnavailable(cause)) console.error(`sync ${sync.id} failed: data store unavailable:`, cause.message);
    const error = isStoreUnavailable(cause)
      ? { type: "store_unavailable", message: storeUnavailableMessage(cause) }
      : {
          type: wasCancelled ? "cancelled" : isUpstreamError(cause) ? `upstream_${cause.kind}` : cause instanceof SyncLostError ? "interrupted" : "internal",
          message: cause instanceof Error ? cause.message : String(cause),
          // Support asks for it: the request that failed, kept with the sync.
          ...(isUpstreamError(cause) && cause.requestId ? { request_id: cause.requestId } : {}),
        };
    const ended = await repo.finishUnsuccessfully(sync.id, wasCancelled ? "cancelled" : "failed", error, upstreamCalls).catch(() => null);
    if (ended) return ended;
    throw cause;
  } finally {
    clearInterval(heartbeat);
    opts.signal?.removeEventListener("abort", onOuterAbort);
  }
}
