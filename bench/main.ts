/*
 * The benchmark (issues 5, 9, 11, 12). Each measurement in one run, against the simulator over
 * real HTTP (its own process, as the real API is remote), on one tree whose largest organization
 * has --table-rows users:
 *   - the live proxy: N officers on one organization (one instance; two sharing Redis), N on N;
 *   - the live CSV export;
 *   - a full sync through the app (calls, wall time, server memory);
 *   - a restart on the same DATA_DIR: People and a person in Chromium (calls, first rows painted);
 *   - browser speed on the store: People, the users table, a facet, privileged access, the Overview, search;
 *   - the as-of export of the first sync;
 *   - changes between that sync and one after 1% churn (JSON and the Changes page);
 *   - storage after thirty syncs with 1% churn between each (in process).
 * A measurement that cannot be taken is an error: printed, listed in the report, and the run exits 1.
 * Run through bench/run.ts (`npm run bench`), which sets the react-server condition.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { hashPassword } from "@/lib/server/session/passwords";
import { buildDirectory } from "@/lib/tools/simulator/directory";
import { SIM_KEYS } from "@/lib/tools/simulator/keys";
import type { AppServer } from "@/lib/tools/testing/app-server";
import { Apps, OFFICER, dashboardUsers, ensureBuild } from "./apps";
import type { SyncJson } from "./app-sync";
import { CHROMIUM_PATH } from "./browser";
import { timeCsvExport } from "./exports";
import { oneInstance, twoInstances } from "./live";
import { minimumExportCalls } from "./minimum-calls";
import { parseBenchArgs, type BenchOptions } from "./options";
import { startRemoteSimulator, type RemoteSimulator } from "./remote-simulator";
import { markdownTable, type BenchReport, type RestartResult } from "./report";
import { nonFiniteNumbers } from "./stats";
import { measureStorage } from "./storage";
import { measureBrowserSpeed, measureChanges, measureFullSync, measureRestart, restartsOf } from "./store-measures";

const ROOT = path.resolve(__dirname, "..");
const SESSION_SECRET = "bench-session-secret-not-for-production-0000";
const log = (line: string) => console.log(line);

/** The tree: the largest organization has exactly --table-rows users; the rest as the simulator spreads them. */
function treeOptions(o: BenchOptions): { seed: string; orgUserCounts: number[]; groups: number } {
  if (o.orgs < 2 || o.tableRows >= o.users) return { seed: o.seed, orgUserCounts: [o.users, ...Array<number>(Math.max(0, o.orgs - 1)).fill(0)].slice(0, o.orgs), groups: o.groups };
  const rest = buildDirectory({ seed: o.seed, orgs: o.orgs - 1, users: o.users - o.tableRows, groups: 1 });
  return { seed: o.seed, orgUserCounts: [o.tableRows, ...rest.organizations.map((x) => rest.userCountOf(x.uuid))], groups: o.groups };
}

function stamp(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, "").replace(/:/g, "-").replace("T", "_");
}

async function main(): Promise<void> {
  const o = parseBenchArgs(process.argv.slice(2));
  const started = new Date();
  const build = ensureBuild(o.build, log);
  const apps = new Apps({
    ANTHROPIC_COMPLIANCE_ACCESS_KEY: SIM_KEYS.full,
    SESSION_SECRET,
    DASHBOARD_USERS: dashboardUsers(o.officers + 1, await hashPassword(OFFICER.password)),
    COMPLIANCE_RATE_LIMIT_RPS: String(o.rps),
    COMPLIANCE_CACHE_TTL_SECONDS: "300",
    COMPLIANCE_SYNC_INTERVAL_MINUTES: "0",
  });
  const tree = treeOptions(o);
  log(
    `Benchmark${o.quick ? " (quick)" : ""}: ${o.orgs} organizations, ${o.users.toLocaleString("en-US")} memberships (largest ${tree.orgUserCounts[0]!.toLocaleString("en-US")}), ${o.groups} groups; ` +
      `app at ${o.rps} rps, simulator ${o.ratePerMinute}/min; build ${build.dir}/ (${build.id}); load average ${os.loadavg()[0]!.toFixed(1)}`,
  );

  const report: BenchReport = {
    startedAt: started.toISOString(),
    finishedAt: "",
    durationMs: 0,
    machine: { cpus: os.cpus().length, node: process.versions.node, platform: `${os.platform()} ${os.release()}`, loadAverage: { start: os.loadavg()[0]!, end: 0 } },
    options: { quick: o.quick, seed: o.seed, orgs: o.orgs, users: o.users, groups: o.groups, tableRows: tree.orgUserCounts[0]!, rps: o.rps, ratePerMinute: o.ratePerMinute, officers: o.officers, keystrokes: o.keystrokes, keystrokeTabs: o.keystrokeTabs, restarts: o.restarts },
    build,
    goals: [],
    errors: [],
  };
  const fail = (name: string, err: unknown) => {
    // One line each: an app's whole start-up output belongs in the console, not in the report.
    const full = err instanceof Error ? err.message : String(err);
    console.error(`  FAILED ${name}: ${full}`);
    const text = full.split("\n").map((l) => l.trim()).filter(Boolean).join(" ⏎ ");
    report.errors.push(`${name}: ${text.length > 400 ? `${text.slice(0, 400)}…` : text}`);
  };
  const attempt = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      fail(name, err);
      return undefined;
    }
  };

  const sim: RemoteSimulator = await startRemoteSimulator({ ...tree, ratePerMinute: o.ratePerMinute });
  let storeApp: { app: AppServer; cookie: string } | undefined;
  try {
    report.officers = await attempt("officers, one instance", () => oneInstance(apps, sim, o, log));
    report.instances = await attempt("two instances", () => twoInstances(apps, sim, o, log));

    const rowsAtFirstSync = sim.directory.totalMemberships;
    log(`\nLive CSV export of ${rowsAtFirstSync.toLocaleString("en-US")} rows`);
    report.export = await attempt("live CSV export", async () => {
      const { app: a, cookie } = await apps.start(sim);
      try {
        const r = await timeCsvExport(a, cookie, sim, "/api/export/users.csv", rowsAtFirstSync);
        r.minimumCalls = minimumExportCalls(sim.directory);
        r.boundRowsPerSecond = rowsAtFirstSync / (r.minimumCalls / o.rps);
        log(`  ${Math.round(r.rowsPerSecond)} rows/s (bound ${Math.round(r.boundRowsPerSecond)}), ${r.calls} calls, peak RSS ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MB`);
        return r;
      } finally {
        await apps.close(a);
      }
    });

    const dataDir = apps.newDataDir();
    log("\nFull sync through the app (POST /api/syncs)");
    let first: SyncJson | undefined;
    report.sync = await attempt("full sync", async () => {
      // The first start on a new DATA_DIR creates the database in a throwaway instance whose few
      // hundred MB are freed only at some later garbage collection: at rest read 493 to 903 MB
      // depending on when that came. The sync is measured from a second start, on the created store.
      await apps.close((await apps.start(sim, { DATA_DIR: dataDir })).app);
      const { app: a, cookie } = await apps.start(sim, { DATA_DIR: dataDir });
      try {
        const r = await measureFullSync(a, cookie, sim, o, log);
        first = r.sync;
        return r.result;
      } finally {
        await apps.close(a);
      }
    });

    const browser = existsSync(CHROMIUM_PATH) && o.browser;
    if (first) {
      log(`\nAfter ${o.restarts > 1 && browser ? `each of ${o.restarts} restarts` : "a restart"} on the same DATA_DIR`);
      await sim.clearLog();
      storeApp = await attempt("restart", () => apps.start(sim, { DATA_DIR: dataDir }));
      // Only the first load after a start is cold, so each sample is a restart of its own; the app of the last one serves the measures below.
      if (storeApp && browser) {
        report.restart = await attempt("after a restart", async () => {
          const each: RestartResult[] = [];
          for (;;) {
            each.push(await measureRestart(storeApp!.app, sim, log));
            if (each.length >= o.restarts) return restartsOf(each);
            await apps.close(storeApp!.app);
            storeApp = undefined;
            await sim.clearLog();
            storeApp = await apps.start(sim, { DATA_DIR: dataDir });
          }
        });
      }
    }
    if (storeApp && first) {
      const { app: a, cookie } = storeApp;
      if (browser) {
        log("\nBrowser speed on the store");
        report.browser = await measureBrowserSpeed(a, cookie, sim, o, log, fail);
      } else {
        const why = o.browser ? `no Chromium at ${CHROMIUM_PATH} (Debian: apt-get install -y chromium)` : "--no-browser";
        report.browser = { skipped: why };
        if (o.browser) fail("browser measures", new Error(why));
      }
      const firstSync = first;
      log(`\nAs-of CSV export (?as_of=${firstSync.id})`);
      report.asOfExport = await attempt("as-of CSV export", async () => {
        const r = await timeCsvExport(a, cookie, sim, `/api/export/users.csv?as_of=${encodeURIComponent(firstSync.id)}`, rowsAtFirstSync);
        log(`  ${Math.round(r.rowsPerSecond)} rows/s, ${r.calls} upstream calls`);
        return r;
      });
      log("\nChanges between two syncs (1% churn)");
      report.changes = await attempt("changes", () => measureChanges(a, cookie, sim, firstSync, o, log));
    } else {
      // Everything below stands on the first sync: say so, rather than leave them out silently.
      const why = first ? "the app did not start again on the synced DATA_DIR" : "there is no complete sync to measure";
      for (const name of ["after a restart", "browser speed on the store", "as-of CSV export", "changes"]) fail(name, new Error(`not taken: ${why}`));
    }
  } finally {
    await apps.closeAll();
    await sim.close();
  }

  log(`\nStorage: ${o.storageSyncs} syncs with 1% churn between each (in process)`);
  report.storage = await attempt("storage", () => measureStorage({ directory: tree, syncs: o.storageSyncs, churn: 0.01, log }));

  const finished = new Date();
  report.finishedAt = finished.toISOString();
  report.machine.loadAverage.end = os.loadavg()[0]!;
  report.durationMs = finished.getTime() - started.getTime();
  // A number that is not one, anywhere in the report, is a measurement that was not really taken.
  for (const what of nonFiniteNumbers(report)) fail("report", new Error(`${what}: a measurement came out as no number`));
  const md = markdownTable(report);
  const outDir = path.resolve(ROOT, o.outDir);
  mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, `bench-${stamp(started)}${o.quick ? "-quick" : ""}`);
  writeFileSync(`${base}.md`, `# Benchmark ${started.toISOString()}\n\nCommand: \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}\`\n\n${md}`);
  writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + "\n");
  log(`\n${md}`);
  log(`Report: ${path.relative(ROOT, base)}.md and .json`);
  if (report.errors.length > 0) {
    console.error(`\nBENCH FAILED: ${report.errors.length} measurement(s) could not be taken:\n${report.errors.map((e) => `  - ${e}`).join("\n")}`);
    process.exit(1);
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
