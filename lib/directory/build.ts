import "server-only";
import type { Group, GroupMember, Organization, Role, User } from "@/lib/compliance/schemas";
import { UpstreamError, isUpstreamError } from "@/lib/upstream/errors";
import { joinDirectory } from "./join";
import type { DirectorySource, PageStream, SourceOptions } from "./source";
import type { Directory, DirectoryProgress } from "./types";

/*
 * One whole-directory walk: the organization and group lists, then every organization's users and
 * roles and every group's members. The walks run a few at a time so the limiter always has the next
 * request queued (the rate, not our latency, is the bound), all at "bulk" priority so an officer's
 * page load goes ahead of them. The first failure stops the rest and is what the caller sees:
 * a snapshot is complete or it does not exist.
 */

export interface BuildOptions {
  signal?: AbortSignal;
  fresh?: boolean;
  onProgress?: (p: DirectoryProgress) => void;
  /** Walks in flight at once. A handful keeps a 4-rps limiter full without crowding its queue. */
  concurrency?: number;
  now?: () => number;
}

const DEFAULT_CONCURRENCY = 6;

function cancelled(): UpstreamError {
  return new UpstreamError({ kind: "cancelled", message: "The directory walk was cancelled." });
}

export async function buildDirectory(source: DirectorySource, opts: BuildOptions = {}): Promise<Directory> {
  const now = opts.now ?? Date.now;
  const startedAt = now();
  // One controller for the whole build: the caller's cancel and our own first failure both stop it.
  const ctrl = new AbortController();
  const onOuterAbort = () => ctrl.abort(opts.signal?.reason);
  if (opts.signal?.aborted) throw cancelled();
  opts.signal?.addEventListener("abort", onOuterAbort, { once: true });

  const progress: DirectoryProgress = {
    phase: "listing",
    startedAt,
    organizationsTotal: null,
    organizationsDone: 0,
    usersSoFar: 0,
    groupsTotal: null,
    groupsDone: 0,
    pages: 0,
  };
  const report = () => opts.onProgress?.({ ...progress });
  const sourceOpts: SourceOptions = { signal: ctrl.signal, priority: "bulk", fresh: opts.fresh ?? false };

  let firstError: unknown;
  const fail = (err: unknown) => {
    firstError ??= err;
    ctrl.abort(err);
  };

  async function collect<T>(stream: PageStream<T>, onPage?: (rows: T[]) => void): Promise<T[]> {
    const all: T[] = [];
    for await (const page of stream) {
      if (ctrl.signal.aborted) throw cancelled();
      for (const row of page) all.push(row);
      progress.pages++;
      onPage?.(page);
      report();
    }
    return all;
  }

  /** Runs tasks with at most `limit` at once; stops starting new ones after the first failure. */
  async function pool(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < tasks.length && !ctrl.signal.aborted) {
        const task = tasks[next++]!;
        try {
          await task();
        } catch (err) {
          fail(err);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  }

  try {
    report();
    let organizations: Organization[] = [];
    let groups: Group[] = [];
    await pool(
      [
        async () => {
          organizations = await collect(source.organizations(sourceOpts));
          progress.organizationsTotal = organizations.length;
        },
        async () => {
          groups = await collect(source.groups(sourceOpts));
          progress.groupsTotal = groups.length;
        },
      ],
      2,
    );
    if (firstError === undefined && opts.signal?.aborted) firstError = cancelled();
    if (firstError !== undefined) throw firstError;

    progress.phase = "walking";
    report();
    const usersByOrganization = new Map<string, User[]>();
    const rolesByOrganization = new Map<string, Role[]>();
    const membersByGroup = new Map<string, GroupMember[]>();
    const tasks: Array<() => Promise<void>> = [];
    for (const org of organizations) {
      let left = 2;
      const orgPartDone = () => {
        if (--left === 0) progress.organizationsDone++;
      };
      tasks.push(async () => {
        usersByOrganization.set(
          org.uuid,
          await collect(source.organizationUsers(org.uuid, sourceOpts), (rows) => (progress.usersSoFar += rows.length)),
        );
        orgPartDone();
      });
      tasks.push(async () => {
        rolesByOrganization.set(org.uuid, await collect(source.roles(org.uuid, sourceOpts)));
        orgPartDone();
      });
    }
    for (const g of groups) {
      tasks.push(async () => {
        membersByGroup.set(g.id, await collect(source.groupMembers(g.id, sourceOpts)));
        progress.groupsDone++;
      });
    }
    await pool(tasks, opts.concurrency ?? DEFAULT_CONCURRENCY);
    if (firstError === undefined && opts.signal?.aborted) firstError = cancelled();
    if (firstError !== undefined) throw firstError;

    const directory = joinDirectory({
      organizations,
      usersByOrganization,
      rolesByOrganization,
      groups,
      membersByGroup,
      startedAt,
      builtAt: now(),
      pages: progress.pages,
    });
    progress.phase = "done";
    report();
    return directory;
  } catch (err) {
    // An abort we caused ourselves surfaces as "cancelled" from the other walks; the real cause wins.
    const cause = firstError ?? err;
    if (opts.signal?.aborted && !(isUpstreamError(cause) && cause.kind !== "cancelled")) throw cancelled();
    throw cause;
  } finally {
    opts.signal?.removeEventListener("abort", onOuterAbort);
  }
}
