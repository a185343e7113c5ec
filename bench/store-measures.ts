import type { AppServer } from "@/lib/tools/testing/app-server";
import { runAppSync, type SyncJson } from "./app-sync";
import { DATA_ROW, loadedRowCount, moreFirstRows, openAndTimeFirstRows, openSession, timeFacetChanges, timeKeystrokesInTabs, type PageLoad, type Sample, type Session } from "./browser";
import { minimumSyncCalls } from "./minimum-calls";
import type { BenchOptions } from "./options";
import { processTree, rssBytes, sampleRss, serverPidForPort, waitForIdleCpu } from "./processes";
import type { RemoteSimulator } from "./remote-simulator";
import type { BrowserResult, ChangesResult, PageTiming, RestartResult, ServerSettle, SyncResult } from "./report";
import { MeasurementError, finite, percentile, summarize, type Summary } from "./stats";
import { apiEntries, count429, maxStartsPerSecond } from "./windows";
import { OFFICER } from "./apps";

/*
 * The durable directory through the app (issues 9, 11, 12): a full sync and what it costs, the
 * store after a restart, the pages served from it in Chromium, and the changes between two syncs.
 */

type Log = (line: string) => void;

function serverPid(a: AppServer): number {
  const pid = serverPidForPort(a.port);
  if (!pid) throw new MeasurementError(`could not find the app server's process (port ${a.port})`);
  return pid;
}

/** A full sync through a fresh app on `dataDir`: calls against the minimum, wall time, the server's memory. */
export async function measureFullSync(a: AppServer, cookie: string, sim: RemoteSimulator, o: BenchOptions, log: Log): Promise<{ result: SyncResult; sync: SyncJson }> {
  const minimum = minimumSyncCalls(sim.directory);
  const pid = serverPid(a);
  // At rest: started, logged in, and idle (a fixed pause measured whatever the start had left running).
  const rest = await waitForIdleCpu(pid);
  const rssAtRestBytes = rssBytes(processTree(pid));
  log(`  at rest ${(rssAtRestBytes / 2 ** 20).toFixed(0)} MB, ${rest.settled ? "idle" : "still busy"} after ${(rest.waitedMs / 1000).toFixed(1)} s`);
  await sim.clearLog();
  const sampler = sampleRss(pid, 100);
  let lastPrint = Date.now();
  let run: Awaited<ReturnType<typeof runAppSync>>;
  let rss = { peakBytes: 0, samples: 0 };
  try {
    run = await runAppSync(a.url, cookie, {
      timeoutMs: Math.max(600_000, (minimum.total / o.rps) * 3000),
      onPoll: (s) => {
        if (Date.now() - lastPrint < 10_000) return;
        lastPrint = Date.now();
        log(`  … ${s.upstream_calls.toLocaleString("en-US")} of ${minimum.total.toLocaleString("en-US")} calls`);
      },
    });
  } finally {
    rss = sampler.stop();
  }
  const entries = apiEntries(await sim.log());
  const { sync } = run;
  if (sync.counts?.memberships !== sim.directory.totalMemberships) {
    throw new MeasurementError(`the sync holds ${sync.counts?.memberships} memberships, the simulator ${sim.directory.totalMemberships}`);
  }
  if (entries.length < 2) throw new MeasurementError(`the simulator logged ${entries.length} upstream calls during the sync`);
  if (rss.peakBytes === 0 || rssAtRestBytes === 0) throw new MeasurementError(`the app server's memory could not be read (/proc/${pid}/status)`);
  const arrivals = entries.map((e) => e.t).sort((x, y) => x - y);
  const firstAt = arrivals[0]! - run.startedAtEpochMs;
  const span = arrivals[arrivals.length - 1]! - arrivals[0]!;
  const phases = {
    toFirstCallMs: finite("sync: POST to the first call", firstAt),
    callsSpanMs: finite("sync: first to last call", span),
    afterLastCallMs: finite("sync: last call to complete", run.wallMs - firstAt - span),
    spanRps: finite("sync: starts per second over the walk", ((entries.length - 1) * 1000) / span),
  };
  const result: SyncResult = {
    id: sync.id,
    simulatorCalls: entries.length,
    syncCalls: sync.upstream_calls,
    minimum: minimum.total,
    minimumByKind: { organizations: minimum.organizations, users: minimum.users, roles: minimum.roles, permissions: minimum.permissions, settings: minimum.settings, groups: minimum.groups, members: minimum.members },
    wallMs: run.wallMs,
    boundMs: (entries.length / o.rps) * 1000,
    status429: count429(entries),
    maxStartsPerSecond: maxStartsPerSecond(entries),
    phases,
    counts: sync.counts ?? {},
    rssAtRestBytes,
    rssPeakBytes: rss.peakBytes,
  };
  if (result.simulatorCalls !== result.syncCalls) log(`  NOTE: the simulator saw ${result.simulatorCalls} calls, the sync counted ${result.syncCalls}`);
  log(`  ${result.simulatorCalls} calls (sync says ${result.syncCalls}; minimum ${result.minimum}), ${(run.wallMs / 1000).toFixed(1)} s (bound ${(result.boundMs / 1000).toFixed(1)} s), RSS ${(rssAtRestBytes / 2 ** 20).toFixed(0)} → ${(rss.peakBytes / 2 ** 20).toFixed(0)} MB`);
  return { result, sync };
}

/** Opens a page in a new tab and counts the upstream calls made until its first rows are painted. */
async function timedPage(session: Session, sim: RemoteSimulator, url: string, selector = DATA_ROW, clearLog = true): Promise<PageTiming & { page: Awaited<ReturnType<typeof openAndTimeFirstRows>> }> {
  if (clearLog) await sim.clearLog();
  const load = await openAndTimeFirstRows(session, url, selector);
  const upstreamCalls = apiEntries(await sim.log()).length;
  return { url, firstRowsMs: finite(`${url} first rows`, load.firstRowsMs), upstreamCalls, page: load };
}

/**
 * After a restart on the same DATA_DIR: People and one person, upstream calls and first rows
 * painted. The caller clears the simulator's log before starting the app, so People's count
 * includes anything the app sent while starting.
 */
export async function measureRestart(a: AppServer, sim: RemoteSimulator, log: Log): Promise<RestartResult> {
  const session = await openSession(a.url, OFFICER.username, OFFICER.password);
  try {
    const people = await timedPage(session, sim, "/people", DATA_ROW, false);
    await people.page.page.close();
    const org = sim.directory.organizations[0]!.uuid;
    const userId = sim.directory.usersPage(org, 0, 1)[0]!.id;
    const person = await timedPage(session, sim, `/people/${encodeURIComponent(userId)}`, "table tbody tr td");
    await person.page.page.close();
    const strip = (t: typeof people): PageTiming => ({ url: t.url, firstRowsMs: t.firstRowsMs, upstreamCalls: t.upstreamCalls });
    log(`  People: ${people.upstreamCalls} upstream calls, first rows ${Math.round(people.firstRowsMs)} ms; a person: ${person.upstreamCalls} calls, ${Math.round(person.firstRowsMs)} ms`);
    return { people: strip(people), person: strip(person) };
  } finally {
    await session.close();
  }
}

/**
 * Several restarts' measures as one: per page, the median first rows (every sample kept, in the
 * order taken) and the most upstream calls any restart made before it showed.
 */
export function restartsOf(each: readonly RestartResult[]): RestartResult {
  if (each.length === 0) throw new MeasurementError("after a restart: no restart measured");
  const page = (of: (r: RestartResult) => PageTiming): PageTiming => {
    const samplesMs = each.map((r) => of(r).firstRowsMs);
    const calls = each.map((r) => of(r).upstreamCalls);
    return {
      url: of(each[0]!).url,
      firstRowsMs: percentile(`${of(each[0]!).url} first rows after a restart`, samplesMs, 50),
      ...(each.length > 1 ? { samplesMs } : {}),
      upstreamCalls: calls.some((c) => c === undefined) ? undefined : Math.max(...(calls as number[])),
    };
  };
  return { people: page((r) => r.people), person: page((r) => r.person) };
}

/** Characters that narrow a table to a real subset (neither nothing nor everything). */
export function searchKeys(users: Array<{ id: string; full_name: string; email: string }>, count: number): string[] {
  const hay = users.map((u) => `${u.full_name}\n${u.email}\n${u.id}`.toLowerCase());
  const picked: string[] = [];
  for (const c of "qzxjkvwy1234567890fgbhpmucdtlonsirae") {
    const share = hay.filter((h) => h.includes(c)).length / hay.length;
    if (share > 0.02 && share < 0.9) picked.push(c);
  }
  if (picked.length === 0) throw new MeasurementError("no search character narrows the table");
  return Array.from({ length: count }, (_, i) => picked[i % picked.length]!);
}

/** Every tab's keystrokes as one summary (the verdict's), each tab's kept beside it; logged as a line per tab and one for all. */
function keystrokesOf(what: string, byTab: Sample[][], perTab: number, log: Log): { keystrokes: Summary; keystrokesByTab: number[][] } {
  const tabs = byTab.map((samples, i) => summarize(`${what} (tab ${i + 1})`, samples.map((x) => x.ms), perTab));
  const keystrokes = summarize(what, byTab.flat().map((x) => x.ms), perTab * byTab.length);
  if (tabs.length > 1) tabs.forEach((t, i) => log(`  ${what}, tab ${i + 1}: median ${Math.round(t.medianMs)} ms, p95 ${Math.round(t.p95Ms)} ms`));
  log(`  ${what} → rows painted: median ${Math.round(keystrokes.medianMs)} ms, p95 ${Math.round(keystrokes.p95Ms)} ms (${keystrokes.n} keys)`);
  return { keystrokes, keystrokesByTab: tabs.map((t) => t.samplesMs) };
}

/** First rows painted over several loads (FIRST_ROWS_LOADS in browser.ts): `first`'s tab closed first, then fresh tabs; the median is the result. */
async function firstRowsOver(session: Session, url: string, first: PageLoad, rows: number, log: Log, what: string, selector?: string): Promise<PageTiming> {
  if (!first.page.isClosed()) await first.page.close();
  const more = await moreFirstRows(session, url, first, selector);
  log(`  ${what}: first rows painted, median ${Math.round(more.medianMs)} ms of ${more.samplesMs.length} loads (${more.samplesMs.join(", ")} ms)`);
  return { url, firstRowsMs: finite(`${url} first rows`, more.medianMs), samplesMs: more.samplesMs, rows };
}

/** Waits for the app's server to go idle (waitForIdleCpu) before page loads are timed, and logs how long that took. */
async function settleServer(a: AppServer, log: Log): Promise<ServerSettle> {
  const settle = await waitForIdleCpu(serverPid(a));
  log(`  the server ${settle.settled ? "settled" : "was still busy"} after ${(settle.waitedMs / 1000).toFixed(1)} s`);
  return settle;
}

/** Browser speed on the store: People, one organization's users table, a facet, the privileged report, the Overview, header search. */
export async function measureBrowserSpeed(a: AppServer, cookie: string, sim: RemoteSimulator, o: BenchOptions, log: Log, errors: (name: string, err: unknown) => void): Promise<BrowserResult> {
  // Steady state: what the restart left running (the directory read, People's index, the search
  // index, the privileged report) finishes first, as it would long before most officers arrive;
  // the restart's own cold load is measure 4.
  const settle = await settleServer(a, log);
  const session = await openSession(a.url, OFFICER.username, OFFICER.password);
  const out: BrowserResult = { serverSettle: settle };
  const org = sim.directory.organizations[0]!.uuid;
  const keys = searchKeys(sim.directory.usersPage(org, 0, 5000), o.keystrokes);
  const step = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      errors(name, err);
    }
  };
  try {
    await step("People in Chromium", async () => {
      const load = await openAndTimeFirstRows(session, "/people");
      const rows = await loadedRowCount(load.page);
      log(`  People: first rows ${Math.round(load.firstRowsMs)} ms; ${rows.toLocaleString("en-US")} rows`);
      const byTab = await timeKeystrokesInTabs(session, "/people", load.page, /^Search people/, keys, rows, o.keystrokeTabs, log);
      out.people = {
        load: { url: "/people", firstRowsMs: load.firstRowsMs, rows },
        ...keystrokesOf("People keystrokes", byTab, keys.length, log),
        scriptBytesTransferred: load.scripts.transferred,
        scriptBytesDecoded: load.scripts.decoded,
        scripts: load.scripts.count,
      };
      const facets = await timeFacetChanges(load.page, { button: /^Organization role(?!s)/, dialog: /^Filter by Organization role/ }, 4, log);
      out.facets = summarize("People facet changes", facets.map((x) => x.ms), 8);
      log(`  People facet change → rows painted: median ${Math.round(out.facets.medianMs)} ms, p95 ${Math.round(out.facets.p95Ms)} ms`);
      out.people.load = await firstRowsOver(session, "/people", load, rows, log, "People");
    });
    await step("users table in Chromium", async () => {
      const url = `/organizations/${org}/users`;
      const load = await openAndTimeFirstRows(session, url);
      const rows = await loadedRowCount(load.page);
      if (rows !== sim.directory.userCountOf(org)) throw new MeasurementError(`${url} shows ${rows} rows, the organization has ${sim.directory.userCountOf(org)}`);
      log(`  users table: first rows ${Math.round(load.firstRowsMs)} ms; ${rows.toLocaleString("en-US")} rows`);
      const byTab = await timeKeystrokesInTabs(session, url, load.page, /^Search users/, keys, rows, o.keystrokeTabs, log);
      out.usersTable = {
        load: { url, firstRowsMs: load.firstRowsMs, rows },
        ...keystrokesOf("users table keystrokes", byTab, keys.length, log),
        scriptBytesTransferred: load.scripts.transferred,
        scriptBytesDecoded: load.scripts.decoded,
        scripts: load.scripts.count,
      };
      out.usersTable.load = await firstRowsOver(session, url, load, rows, log, "users table");
    });
    await step("privileged access report in Chromium", async () => {
      const load = await openAndTimeFirstRows(session, "/privileged");
      const rows = await loadedRowCount(load.page);
      // The page sends its first rows ahead of the rest: once settled it must show every row of the report.
      const answer = await fetch(`${a.url}/api/directory/privileged?limit=1`, { headers: { cookie } });
      const body = (await answer.json().catch(() => ({}))) as { rows_total?: number };
      if (answer.status !== 200 || typeof body.rows_total !== "number") throw new MeasurementError(`/api/directory/privileged?limit=1 answered ${answer.status} without rows_total`);
      if (rows === 0 || rows !== body.rows_total) throw new MeasurementError(`/privileged shows ${rows} rows once loaded; the report has ${body.rows_total}`);
      log(`  privileged access: first rows ${Math.round(load.firstRowsMs)} ms; ${rows} rows`);
      out.privileged = await firstRowsOver(session, "/privileged", load, rows, log, "privileged access");
    });
    await step("Overview in Chromium", async () => {
      // Timed to the line saying every organization is counted, not to the first row: a row whose
      // counts are still coming is not an answer.
      const counted = '[data-counted="all"]';
      const asked: string[] = [];
      const note = (r: { url(): string }) => {
        const { pathname } = new URL(r.url());
        if (pathname.startsWith("/api/directory/")) asked.push(pathname);
      };
      session.context.on("request", note);
      const load = await openAndTimeFirstRows(session, "/", counted).finally(() => session.context.off("request", note));
      const rows = await loadedRowCount(load.page);
      if (rows !== sim.directory.organizations.length) throw new MeasurementError(`/ shows ${rows} organizations, the simulator has ${sim.directory.organizations.length}`);
      log(`  Overview: every count painted ${Math.round(load.firstRowsMs)} ms; ${rows} organizations; ${asked.length} /api/directory requests`);
      out.overview = { ...(await firstRowsOver(session, "/", load, rows, log, "Overview", counted)), directoryRequests: asked.length };
    });
    await step("header search", async () => {
      const probe = await fetch(`${a.url}/api/directory/search?q=a`, { headers: { cookie } });
      await probe.body?.cancel();
      if (probe.status === 404) {
        out.headerSearch = { notBuilt: "GET /api/directory/search answers 404 (no header search yet)" };
        log("  header search: not built");
        return;
      }
      const users = sim.directory.usersPage(org, 0, 50);
      const queries = [...users.slice(0, 5).map((u) => u.email), ...users.slice(5, 10).map((u) => u.id), ...users.slice(10, 15).map((u) => u.full_name.split(" ")[0]!)];
      const times: number[] = [];
      for (const q of queries) {
        const t0 = performance.now();
        const res = await fetch(`${a.url}/api/directory/search?q=${encodeURIComponent(q)}`, { headers: { cookie } });
        await res.text();
        if (res.status !== 200) throw new MeasurementError(`/api/directory/search?q=${q} answered ${res.status}`);
        times.push(performance.now() - t0);
      }
      out.headerSearch = summarize("header search", times, queries.length);
    });
  } finally {
    await session.close();
  }
  return out;
}

/** Churns the simulator (and the bench's copy of its directory) by `fraction`, one seeded step. */
export async function churnSimulator(sim: RemoteSimulator, fraction: number, step: number): Promise<number> {
  const res = await fetch(`${sim.url}/__simulator/mutate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ churn: fraction, step }) });
  if (res.status !== 200) throw new MeasurementError(`simulator churn answered ${res.status}: ${await res.text()}`);
  const remote = ((await res.json()) as { changes: unknown[] }).changes.length;
  const local = sim.directory.churn(fraction, step).length;
  if (remote !== local) throw new MeasurementError(`the simulator made ${remote} changes, the bench's copy ${local}`);
  return remote;
}

/** Changes between the first sync and a second after 1% churn: the JSON route's first page and the Changes page. */
export async function measureChanges(a: AppServer, cookie: string, sim: RemoteSimulator, first: SyncJson, o: BenchOptions, log: Log): Promise<ChangesResult> {
  const simulatorChanges = await churnSimulator(sim, 0.01, 1);
  log(`  the simulator changed ${simulatorChanges} things; second sync…`);
  const second = await runAppSync(a.url, cookie, { timeoutMs: 1_800_000 });
  const url = `/api/directory/changes?from=${encodeURIComponent(first.id)}&to=${encodeURIComponent(second.sync.id)}`;
  const fetchFirstPage = async () => {
    const t0 = performance.now();
    const res = await fetch(`${a.url}${url}`, { headers: { cookie } });
    const body = (await res.json()) as { changes?: unknown[]; next_cursor?: string | null };
    const ms = performance.now() - t0;
    if (res.status !== 200 || !Array.isArray(body.changes)) throw new MeasurementError(`${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return { ms, changes: body.changes.length, more: !!body.next_cursor };
  };
  const cold = await fetchFirstPage();
  if (cold.changes === 0) throw new MeasurementError(`${url}: no changes after ${simulatorChanges} were made`);
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push((await fetchFirstPage()).ms);
  const warmSummary = summarize("changes JSON (warm)", warm, 5);
  log(`  JSON first page: ${Math.round(cold.ms)} ms (${cold.changes} changes), warm median ${Math.round(warmSummary.medianMs)} ms`);
  // The page's loads begin, as People's do, once what the sync left running (the embedded
  // database's checkpoint and vacuum, the new sync's directory, indexes and kept pair) is done:
  // they measure the page, not that work beside it.
  const settle = await settleServer(a, log);
  const session = await openSession(a.url, OFFICER.username, OFFICER.password);
  try {
    const pageUrl = `/changes?from=${encodeURIComponent(first.id)}&to=${encodeURIComponent(second.sync.id)}`;
    const load = await openAndTimeFirstRows(session, pageUrl);
    const rows = await loadedRowCount(load.page);
    const summary = await fetch(`${a.url}/api/directory/changes/summary?from=${encodeURIComponent(first.id)}&to=${encodeURIComponent(second.sync.id)}`, { headers: { cookie } });
    const total = ((await summary.json().catch(() => ({}))) as { total?: number }).total;
    if (summary.status !== 200 || rows !== total) throw new MeasurementError(`${pageUrl} shows ${rows} changes once loaded; the summary counts ${String(total)} (answered ${summary.status})`);
    log(`  Changes page: first rows ${Math.round(load.firstRowsMs)} ms; ${rows} changes`);
    const page = await firstRowsOver(session, pageUrl, load, rows, log, "Changes page");
    return {
      simulatorChanges,
      secondSync: { id: second.sync.id, wallMs: second.wallMs, calls: second.sync.upstream_calls },
      serverSettle: settle,
      json: { firstPageMs: cold.ms, warmMedianMs: warmSummary.medianMs, changesOnFirstPage: cold.changes, more: cold.more },
      page,
    };
  } finally {
    await session.close();
  }
}
