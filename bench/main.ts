/*
 * The benchmark (issue 5). Each measurement in one run, against the simulator over real HTTP:
 *   1. a full directory walk with the product's own builder, client and limiter;
 *   2. N officers opening the same organization's users through one app instance;
 *   3. two app instances sharing a real redis-server: the same-organization load, and N officers
 *      on different organizations (request starts per second at the simulator);
 *   4. the CSV export of every user through the app, with the server's peak RSS;
 *   5. the users table in Chromium (search latency, JavaScript transferred).
 * Run through bench/run.ts (`npm run bench`), which sets the react-server condition.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createUpstreamCaching } from "@/lib/cache/caching";
import { buildDirectory } from "@/lib/directory/build";
import { upstreamDirectorySource } from "@/lib/directory/upstream-source";
import { hashPassword } from "@/lib/session/passwords";
import { SIM_KEYS } from "@/lib/simulator/keys";
import { buildDir, login, startApp, type AppServer } from "@/lib/testing/app-server";
import { redisServerMissing, startRedisServer } from "@/lib/testing/redis-server";
import { createLocalLimiter } from "@/lib/throttle/local-limiter";
import { createUpstreamClient } from "@/lib/upstream/client";
import { measureUsersTable, CHROMIUM_PATH } from "./browser";
import { minimumDirectoryCalls, minimumExportCalls, PAGE } from "./minimum-calls";
import { parseBenchArgs, type BenchOptions } from "./options";
import { startRemoteSimulator, type RemoteSimulator } from "./remote-simulator";
import { sampleRss, serverPidForPort, rssBytes, processTree } from "./processes";
import { markdownTable, type BenchReport, type ExportResult, type InstancesResult, type OfficersResult, type TableResult, type WalkResult } from "./report";
import { apiEntries, count429, maxStartsPerSecond, percentile } from "./windows";

const ROOT = path.resolve(__dirname, "..");
const OFFICER = { username: "bench", password: "bench-officer-password-0001" };
const SESSION_SECRET = "bench-session-secret-not-for-production-0000";
const log = (line: string) => console.log(line);
const pagesOf = (rows: number) => Math.max(1, Math.ceil(rows / PAGE));

function ensureBuild(force: boolean): { dir: string; id: string } {
  const dir = buildDir();
  const idFile = path.join(ROOT, dir, "BUILD_ID");
  if (force || !existsSync(idFile)) {
    log(`Building the app into ${dir}/ (next build)…`);
    const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { cwd: ROOT, stdio: "inherit", env: process.env });
    if (r.status !== 0) throw new Error("next build failed; the benchmark needs a production build");
  }
  return { dir, id: readFileSync(idFile, "utf8").trim() };
}

let appEnvBase: Record<string, string> = {};
const apps: AppServer[] = [];

async function app(sim: RemoteSimulator, extra: Record<string, string> = {}): Promise<{ app: AppServer; cookie: string }> {
  const a = await startApp({
    ...appEnvBase,
    COMPLIANCE_API_BASE_URL: sim.url,
    DATA_DIR: path.join(os.tmpdir(), `compliance-bench-${process.pid}-${apps.length}`),
    ...extra,
  });
  apps.push(a);
  return { app: a, cookie: await login(a.url, OFFICER.username, OFFICER.password) };
}

async function closeApp(a: AppServer): Promise<void> {
  await a.close();
  apps.splice(apps.indexOf(a), 1);
}

/** One officer's browser walking an organization's users through the proxy, page by page. */
async function walkUsersThroughApp(appUrl: string, cookie: string, org: string): Promise<{ rows: number; ok: boolean }> {
  let page: string | undefined;
  let rows = 0;
  for (;;) {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (page) q.set("page", page);
    const res = await fetch(`${appUrl}/api/compliance/organizations/${org}/users?${q}`, { headers: { cookie } });
    if (res.status !== 200) return { rows, ok: false };
    const body = (await res.json()) as { data: unknown[]; has_more?: boolean; next_page?: string | null };
    rows += body.data.length;
    if (!body.has_more || !body.next_page) return { rows, ok: true };
    page = body.next_page;
  }
}

function orgsBySize(sim: RemoteSimulator): Array<{ uuid: string; users: number }> {
  return sim.directory.organizations.map((o) => ({ uuid: o.uuid, users: sim.directory.userCountOf(o.uuid) })).sort((a, b) => b.users - a.users);
}

async function directoryWalk(sim: RemoteSimulator, o: BenchOptions): Promise<WalkResult> {
  log("\n1. Full directory walk (the product's builder, client and limiter, in this process)");
  const minimum = minimumDirectoryCalls(sim.directory);
  const limiter = createLocalLimiter({ rps: o.rps });
  const caching = createUpstreamCaching({ ttlSeconds: 300, baseUrl: sim.url, accessKey: SIM_KEYS.full });
  const client = createUpstreamClient({ baseUrl: sim.url, accessKey: SIM_KEYS.full, limiter, timeoutMs: 30_000, cache: caching.cache, singleFlight: caching.singleFlight });
  await sim.clearLog();
  let lastPrint = 0;
  const t0 = performance.now();
  const dir = await buildDirectory(upstreamDirectorySource(client), {
    onProgress: (p) => {
      if (Date.now() - lastPrint < 10_000) return;
      lastPrint = Date.now();
      log(`  … ${p.pages} pages, ${p.usersSoFar.toLocaleString("en-US")} memberships, ${p.organizationsDone}/${p.organizationsTotal ?? "?"} organizations, ${p.groupsDone}/${p.groupsTotal ?? "?"} groups`);
    },
  });
  const wallMs = performance.now() - t0;
  await limiter.stop();
  await caching.close();
  const entries = apiEntries(await sim.log());
  const result: WalkResult = {
    calls: entries.length,
    minimum: minimum.total,
    minimumByKind: { organizations: minimum.organizations, users: minimum.users, roles: minimum.roles, groups: minimum.groups, members: minimum.members },
    wallMs,
    boundMs: (entries.length / o.rps) * 1000,
    status429: count429(entries),
    maxStartsPerSecond: maxStartsPerSecond(entries),
    rows: {
      memberships: dir.counts.memberships,
      people: dir.counts.people,
      groups: dir.counts.groups,
      groupMemberships: dir.counts.groupMemberships,
      roles: dir.counts.roles,
    },
  };
  log(`  ${result.calls} calls (minimum ${result.minimum}), ${(wallMs / 1000).toFixed(1)} s (bound ${(result.boundMs / 1000).toFixed(1)} s), ${result.status429} × 429`);
  return result;
}

async function officersOnOneOrg(appUrls: Array<{ url: string; cookie: string }>, sim: RemoteSimulator, org: { uuid: string; users: number }, officers: number): Promise<OfficersResult> {
  await sim.clearLog();
  const t0 = performance.now();
  const walks = await Promise.all(
    Array.from({ length: officers }, (_, k) => {
      const a = appUrls[k % appUrls.length]!;
      return walkUsersThroughApp(a.url, a.cookie, org.uuid);
    }),
  );
  const wallMs = performance.now() - t0;
  const calls = apiEntries(await sim.log()).filter((e) => e.path.endsWith(`/organizations/${org.uuid}/users`)).length;
  return { officers, org, calls, ideal: pagesOf(org.users), allAnswered: walks.every((w) => w.ok && w.rows === org.users), wallMs };
}

async function sessionsFor(a: AppServer, n: number): Promise<string[]> {
  // Each officer logs in on their own (their own session cookie).
  const cookies: string[] = [];
  for (let i = 0; i < n; i++) cookies.push(await login(a.url, OFFICER.username, OFFICER.password));
  return cookies;
}

async function oneInstance(sim: RemoteSimulator, o: BenchOptions): Promise<OfficersResult> {
  log(`\n2. ${o.officers} officers open the same organization's users through one app instance`);
  const { app: a } = await app(sim);
  try {
    const org = orgsBySize(sim)[0]!;
    const cookies = await sessionsFor(a, o.officers);
    const result = await officersOnOneOrg(cookies.map((cookie) => ({ url: a.url, cookie })), sim, org, o.officers);
    log(`  ${result.calls} upstream calls (one walk: ${result.ideal}), ${(result.wallMs / 1000).toFixed(1)} s`);
    return result;
  } finally {
    await closeApp(a);
  }
}

async function twoInstances(sim: RemoteSimulator, o: BenchOptions): Promise<InstancesResult> {
  log("\n3. Two app instances sharing Redis");
  const missing = redisServerMissing();
  if (missing) throw new Error(missing);
  const redis = await startRedisServer();
  const started: AppServer[] = [];
  try {
    const pair = await Promise.all([0, 1].map(() => app(sim, { REDIS_URL: redis.url })));
    started.push(...pair.map((p) => p.app));
    const sessions = await Promise.all(pair.map((p) => sessionsFor(p.app, Math.ceil(o.officers / 2))));
    const seats = Array.from({ length: o.officers }, (_, k) => ({ url: pair[k % 2]!.app.url, cookie: sessions[k % 2]![Math.floor(k / 2)]! }));

    const sorted = orgsBySize(sim);
    const sameOrg = await officersOnOneOrg(seats, sim, sorted[0]!, o.officers);
    log(`  same organization: ${sameOrg.calls} upstream calls (one walk: ${sameOrg.ideal})`);

    // Different organizations, none of them cached yet: the throttle has to hold the line.
    const targets = sorted.slice(1, 1 + o.officers);
    await sim.clearLog();
    const t0 = performance.now();
    const walks = await Promise.all(targets.map((org, k) => walkUsersThroughApp(seats[k]!.url, seats[k]!.cookie, org.uuid).then((w) => w.ok && w.rows === org.users)));
    const wallMs = performance.now() - t0;
    const entries = apiEntries(await sim.log());
    const spread = {
      officers: targets.length,
      orgs: targets.length,
      calls: entries.length,
      ideal: targets.reduce((a, t) => a + pagesOf(t.users), 0),
      allAnswered: walks.every(Boolean),
      maxStartsPerSecond: maxStartsPerSecond(entries),
      status429: count429(entries),
      wallMs,
    };
    log(`  ${spread.orgs} organizations: ${spread.calls} calls, most starts in any 1 s: ${spread.maxStartsPerSecond} (rate ${o.rps})`);
    return { sameOrg, spread };
  } finally {
    for (const a of started) await closeApp(a);
    await redis.close();
  }
}

async function csvExport(sim: RemoteSimulator, o: BenchOptions): Promise<ExportResult> {
  const expectedRows = sim.directory.totalMemberships;
  log(`\n4. CSV export of ${expectedRows.toLocaleString("en-US")} rows through the app`);
  const { app: a, cookie } = await app(sim);
  try {
    const pid = serverPidForPort(a.port);
    if (!pid) throw new Error(`could not find the app server's process (port ${a.port})`);
    const rssBeforeBytes = rssBytes(processTree(pid));
    await sim.clearLog();
    const sampler = sampleRss(pid, 100);
    const t0 = performance.now();
    const res = await fetch(`${a.url}/api/export/users.csv`, { headers: { cookie } });
    if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}: ${await res.text()}`);
    let newlines = 0;
    let bytes = 0;
    let complete = true;
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) newlines++;
      }
    } catch {
      complete = false;
    }
    const wallMs = performance.now() - t0;
    const rss = sampler.stop();
    const rows = Math.max(0, newlines - 1); // minus the header
    const minimumCalls = minimumExportCalls(sim.directory);
    const result: ExportResult = {
      rows,
      expectedRows,
      complete: complete && rows === expectedRows,
      wallMs,
      rowsPerSecond: rows / (wallMs / 1000),
      boundRowsPerSecond: expectedRows / (minimumCalls / o.rps),
      calls: apiEntries(await sim.log()).length,
      minimumCalls,
      peakRssBytes: rss.peakBytes,
      rssBeforeBytes,
      rssSamples: rss.samples,
      bytes,
    };
    log(`  ${rows.toLocaleString("en-US")} rows in ${(wallMs / 1000).toFixed(1)} s = ${Math.round(result.rowsPerSecond)} rows/s (bound ${Math.round(result.boundRowsPerSecond)}), peak RSS ${(rss.peakBytes / 2 ** 20).toFixed(0)} MB`);
    return result;
  } finally {
    await closeApp(a);
  }
}

/** Characters that narrow the table to a real subset (neither nothing nor everything). */
function searchKeys(users: Array<{ id: string; full_name: string; email: string }>, count: number): string[] {
  const hay = users.map((u) => `${u.full_name}\n${u.email}\n${u.id}`.toLowerCase());
  const picked: string[] = [];
  for (const c of "qzxjkvwy1234567890fgbhpmucdtlonsirae") {
    const share = hay.filter((h) => h.includes(c)).length / hay.length;
    if (share > 0.02 && share < 0.9) picked.push(c);
  }
  if (picked.length === 0) throw new Error("no search character narrows the table");
  return Array.from({ length: count }, (_, i) => picked[i % picked.length]!);
}

async function usersTable(o: BenchOptions): Promise<TableResult | { skipped: string }> {
  log(`\n5. The users table in Chromium with ${o.tableRows.toLocaleString("en-US")} rows`);
  if (!existsSync(CHROMIUM_PATH)) return { skipped: `no Chromium at ${CHROMIUM_PATH} (Debian: apt-get install -y chromium)` };
  const sim = await startRemoteSimulator({ seed: `${o.seed}-table`, orgUserCounts: [o.tableRows], groups: 4, ratePerMinute: o.ratePerMinute });
  try {
    const { app: a } = await app(sim);
    try {
      const org = sim.directory.organizations[0]!.uuid;
      const run = await measureUsersTable({
        appUrl: a.url,
        orgUuid: org,
        rows: o.tableRows,
        username: OFFICER.username,
        password: OFFICER.password,
        keys: searchKeys(sim.directory.usersOf(org), o.keystrokes),
        log,
      });
      const ms = run.samples.map((x) => x.ms).sort((x, y) => x - y);
      const result: TableResult = {
        rows: run.rows,
        loadMs: run.loadMs,
        keystrokes: ms.length,
        medianMs: percentile(ms, 50),
        p95Ms: percentile(ms, 95),
        samplesMs: run.samples.map((x) => Math.round(x.ms * 10) / 10),
        scriptBytesTransferred: run.scriptBytesTransferred,
        scriptBytesDecoded: run.scriptBytesDecoded,
        scripts: run.scripts,
      };
      log(`  keystroke → rows painted: median ${result.medianMs.toFixed(0)} ms, p95 ${result.p95Ms.toFixed(0)} ms; JavaScript ${(result.scriptBytesTransferred / 1024).toFixed(0)} kB transferred`);
      return result;
    } finally {
      for (const a of [...apps]) await closeApp(a);
    }
  } finally {
    await sim.close();
  }
}

function stamp(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, "").replace(/:/g, "-").replace("T", "_");
}

async function main(): Promise<void> {
  const o = parseBenchArgs(process.argv.slice(2));
  const started = new Date();
  const build = ensureBuild(o.build);
  appEnvBase = {
    ANTHROPIC_COMPLIANCE_ACCESS_KEY: SIM_KEYS.full,
    SESSION_SECRET,
    DASHBOARD_USERS: `${OFFICER.username}:${await hashPassword(OFFICER.password)}:exporter`,
    COMPLIANCE_RATE_LIMIT_RPS: String(o.rps),
    COMPLIANCE_CACHE_TTL_SECONDS: "300",
  };
  log(`Benchmark${o.quick ? " (quick)" : ""}: ${o.orgs} organizations, ${o.users.toLocaleString("en-US")} memberships, ${o.groups} groups; app at ${o.rps} rps, simulator ${o.ratePerMinute}/min; build ${build.dir}/ (${build.id})`);

  const report: BenchReport = {
    startedAt: started.toISOString(),
    finishedAt: "",
    durationMs: 0,
    machine: { cpus: os.cpus().length, node: process.versions.node, platform: `${os.platform()} ${os.release()}`, loadAverage: { start: os.loadavg()[0]!, end: 0 } },
    options: { quick: o.quick, seed: o.seed, orgs: o.orgs, users: o.users, groups: o.groups, tableRows: o.tableRows, rps: o.rps, ratePerMinute: o.ratePerMinute, officers: o.officers },
    build,
    errors: [],
  };
  const attempt = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      const msg = `${name}: ${err instanceof Error ? err.message : String(err)}`;
      console.error(`  FAILED ${msg}`);
      report.errors.push(msg);
      return undefined;
    }
  };

  const sim = await startRemoteSimulator({ seed: o.seed, orgs: o.orgs, users: o.users, groups: o.groups, ratePerMinute: o.ratePerMinute });
  try {
    report.walk = await attempt("directory walk", () => directoryWalk(sim, o));
    report.officers = await attempt("officers, one instance", () => oneInstance(sim, o));
    report.instances = await attempt("two instances", () => twoInstances(sim, o));
    report.export = await attempt("CSV export", () => csvExport(sim, o));
  } finally {
    for (const a of [...apps]) await closeApp(a);
    await sim.close();
  }
  report.table = o.browser ? await attempt("users table", () => usersTable(o)) : { skipped: "--no-browser" };

  const finished = new Date();
  report.finishedAt = finished.toISOString();
  report.machine.loadAverage.end = os.loadavg()[0]!;
  report.durationMs = finished.getTime() - started.getTime();
  const md = markdownTable(report);
  const outDir = path.resolve(ROOT, o.outDir);
  mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, `bench-${stamp(started)}${o.quick ? "-quick" : ""}`);
  writeFileSync(`${base}.md`, `# Benchmark ${started.toISOString()}\n\nCommand: \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}\`\n\n${md}`);
  writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + "\n");
  log(`\n${md}`);
  log(`Report: ${path.relative(ROOT, base)}.md and .json`);
  process.exit(report.errors.length > 0 ? 1 : 0);
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.stack : err);
  for (const a of [...apps]) await a.close().catch(() => {});
  process.exit(1);
});
