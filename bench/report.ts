import type { Summary, Verdict } from "./stats";
import { percentile, verdict } from "./stats";

/*
 * The report: one Markdown table (measurement, result, goal or bound, verdict, notes) and the same
 * numbers as JSON, both under bench/reports/ named by the run's date and time. A measurement that
 * could not be taken is absent here and named in `errors` (and the run exits non-zero).
 */

export interface OfficersResult {
  officers: number;
  org: { uuid: string; users: number };
  calls: number;
  ideal: number;
  allAnswered: boolean;
  /** How the walks that failed ended (status and the start of the answer). */
  failures: string[];
  wallMs: number;
}

export interface InstancesResult {
  sameOrg: OfficersResult;
  spread: { officers: number; orgs: number; calls: number; ideal: number; allAnswered: boolean; failures: string[]; maxStartsPerSecond: number; status429: number; wallMs: number };
}

export interface ExportResult {
  rows: number;
  expectedRows: number;
  wallMs: number;
  rowsPerSecond: number;
  calls: number;
  minimumCalls?: number;
  boundRowsPerSecond?: number;
  peakRssBytes: number;
  rssBeforeBytes: number;
  bytes: number;
}

export interface SyncResult {
  id: string;
  simulatorCalls: number;
  syncCalls: number;
  minimum: number;
  minimumByKind: Record<string, number>;
  wallMs: number;
  boundMs: number;
  status429: number;
  maxStartsPerSecond: number;
  /**
   * Where the wall time went, from the simulator's log: POST → first upstream call, first → last
   * call (the throttled walk; its rate is (calls − 1) ÷ span), last call → the poll that saw the
   * sync complete (the last answers, the save, up to one 250 ms poll).
   */
  phases: { toFirstCallMs: number; callsSpanMs: number; afterLastCallMs: number; spanRps: number };
  counts: Record<string, number>;
  rssAtRestBytes: number;
  rssPeakBytes: number;
}

export interface PageTiming {
  url: string;
  /** One load's, or with samplesMs the median of several loads (browser.ts, FIRST_ROWS_LOADS). */
  firstRowsMs: number;
  samplesMs?: number[];
  upstreamCalls?: number;
  rows?: number;
}

export interface RestartResult {
  people: PageTiming;
  person: PageTiming;
}

export interface TableSpeed {
  load: PageTiming;
  /** Every tab's keys together: the verdict's. */
  keystrokes: Summary;
  /** Each tab's keys in order (bench --keystroke-tabs); absent in reports from before. */
  keystrokesByTab?: number[][];
  scriptBytesTransferred?: number;
  scriptBytesDecoded?: number;
  scripts?: number;
}

export interface BrowserResult {
  /** The wait, before these measures, for the server to stop using CPU (processes.ts waitForIdleCpu). */
  serverSettle?: ServerSettle;
  people?: TableSpeed;
  facets?: Summary;
  usersTable?: TableSpeed;
  privileged?: PageTiming;
  /** The Overview until every organization's counts are painted, and what the page asked the app for meanwhile. */
  overview?: PageTiming & { directoryRequests: number };
  headerSearch?: Summary | { notBuilt: string };
}

/** How long the bench waited for the app's server to go idle before timing page loads (processes.ts). */
export interface ServerSettle {
  waitedMs: number;
  settled: boolean;
}

export interface ChangesResult {
  simulatorChanges: number;
  secondSync: { id: string; wallMs: number; calls: number };
  /** The second sync leaves work running (housekeeping, the new sync's directory, indexes and kept pair); the page loads begin after it. */
  serverSettle?: ServerSettle;
  json: { firstPageMs: number; warmMedianMs: number; changesOnFirstPage: number; more: boolean };
  page: PageTiming;
}

export interface StorageReport {
  syncs: number;
  churn: number;
  afterOne: { factRows: number; bytes: number };
  afterAll: { factRows: number; bytes: number; currentFacts: number };
  rowsRatio: number;
  bytesRatio: number;
  changesMade: number;
  syncMs: { first: number; medianLater: number };
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** loadAverage: the 1-minute load average at the start and the end (other work on the machine skews the timings). */
  machine: { cpus: number; node: string; platform: string; loadAverage: { start: number; end: number } };
  options: { quick: boolean; seed: string; orgs: number; users: number; groups: number; tableRows: number; rps: number; ratePerMinute: number; officers: number; keystrokes: number; keystrokeTabs?: number; restarts?: number };
  build: { dir: string; id: string };
  officers?: OfficersResult;
  instances?: InstancesResult;
  export?: ExportResult;
  sync?: SyncResult;
  restart?: RestartResult;
  browser?: BrowserResult | { skipped: string };
  asOfExport?: ExportResult;
  changes?: ChangesResult;
  storage?: StorageReport;
  /** Every goal with its verdict, as in the Markdown table. */
  goals: Array<{ measurement: string; verdict: Verdict }>;
  errors: string[];
}

const n = (x: number) => Math.round(x).toLocaleString("en-US");
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** Where loads waited for the server to go idle: for how long, and whether it did. */
export const settleNote = (settle: ServerSettle | undefined) => (settle ? `; begun ${settle.settled ? "once the server was idle" : "with the server still busy"} (${s(settle.waitedMs)} of waiting)` : "");
const ms = (x: number) => `${n(x)} ms`;
const mb = (b: number) => `${(b / (1024 * 1024)).toFixed(0)} MB`;
const kb = (b: number) => `${(b / 1024).toFixed(0)} kB`;
const MB = 1024 * 1024;

/** A figure's samples when it is the median of more than one; undefined for a single load. */
const severalSamples = (t: PageTiming): number[] | undefined => (t.samplesMs && t.samplesMs.length > 1 ? t.samplesMs : undefined);

/** Which loads a restart's first rows come from: only the first load after a start is cold, so one per restart. */
export function restartLoadsNote(t: PageTiming): string {
  const samples = severalSamples(t);
  return samples ? `the first load after each of ${samples.length} restarts, median of ${samples.map(n).join(", ")} ms` : "one load: the first after the restart";
}

/** How a first-rows figure was taken: the median of several loads (each listed, in order), or one load. */
const loads = (t: PageTiming) => {
  const samples = severalSamples(t);
  return samples ? `median of ${samples.length} loads: ${samples.map(n).join(", ")} ms` : "one load";
};

/**
 * Keystrokes' notes. The first key of a tab runs code the tab has not run yet (React's update of the
 * rows, the narrowing) and is the slowest in most tabs, so it is shown apart; the verdict keeps it.
 * With one tab: every key in order and the p95 without its first key. With several: each tab's p95
 * and first key, then every key, tab by tab.
 */
export function keystrokeNotes(t: Summary, byTab?: number[][]): string {
  if (byTab && byTab.length > 1) {
    const p95s = byTab.map((keys, i) => ms(percentile(`tab ${i + 1}'s keystrokes`, keys, 95)));
    return `${t.n} keystrokes, ${byTab[0]!.length} in each of ${byTab.length} fresh tabs; each tab's p95: ${p95s.join(", ")}; each tab's first key: ${byTab.map((k) => n(k[0]!)).join(", ")} ms; in order, tab by tab: ${byTab.map((k) => k.map(n).join(", ")).join(" | ")} ms`;
  }
  const [first, ...rest] = t.samplesMs;
  if (first === undefined || rest.length === 0) return "1 keystroke";
  return `${t.n} keystrokes in order: ${t.samplesMs.map(n).join(", ")} ms; without the page's first key, p95 ${ms(percentile("keystrokes after the first", rest, 95))}`;
}

type Row = { measurement: string; result: string; goal: string; verdict: Verdict | ""; notes: string };

function rowsOf(r: BenchReport): Row[] {
  const o = r.options;
  const rows: Row[] = [];
  const add = (measurement: string, result: string, goal: string, ok: boolean | undefined | null, notes = "") =>
    rows.push({ measurement, result, goal, verdict: ok === null ? "" : verdict(ok), notes });

  if (r.sync) {
    const x = r.sync;
    add(
      "Full sync through the app: upstream calls (simulator log / the sync's upstream_calls)",
      `${n(x.simulatorCalls)} / ${n(x.syncCalls)}`,
      `= ${n(x.minimum)} (minimum at limit=1000)`,
      x.simulatorCalls === x.minimum && x.syncCalls === x.minimum,
      `${Object.entries(x.minimumByKind).map(([k, v]) => `${k} ${n(v)}`).join(", ")}; ${n(x.counts.memberships ?? 0)} memberships, ${n(x.counts.people ?? 0)} people, ${n(x.counts.permissions ?? 0)} permissions`,
    );
    const p = x.phases;
    add(
      "Full sync: wall time",
      s(x.wallMs),
      `≤ 1.05 × ${s(x.boundMs)} (calls ÷ ${o.rps} rps)`,
      x.wallMs <= 1.05 * x.boundMs,
      `${(x.wallMs / x.boundMs).toFixed(2)}×: ${s(p.toFirstCallMs)} to the first call, ${s(p.callsSpanMs)} first to last call (${p.spanRps.toFixed(2)} starts/s), ${s(p.afterLastCallMs)} after the last; ${n(x.status429)} × 429; most starts in any 1 s: ${x.maxStartsPerSecond}`,
    );
    add("Full sync: app server memory (RSS of its process tree)", `+${mb(x.rssPeakBytes - x.rssAtRestBytes)}`, "< +150 MB", x.rssPeakBytes - x.rssAtRestBytes < 150 * MB, `${mb(x.rssAtRestBytes)} at rest, ${mb(x.rssPeakBytes)} peak during the sync`);
  }
  if (r.restart) {
    for (const [what, t] of [["People", r.restart.people], ["One person's page", r.restart.person]] as const) {
      const restarts = severalSamples(t)?.length;
      add(`After a restart: ${what}, upstream calls before it shows`, t.upstreamCalls === undefined ? "not counted" : n(t.upstreamCalls), "0", t.upstreamCalls === undefined ? undefined : t.upstreamCalls === 0, `${what === "People" ? `${t.url}, counted from the app's start` : t.url}${restarts ? `; the most of ${restarts} restarts` : ""}`);
      add(`After a restart: ${what}, first rows painted`, ms(t.firstRowsMs), "< 1,000 ms", t.firstRowsMs < 1000, `from navigation start, cold tab; ${restartLoadsNote(t)}`);
    }
  }
  if (r.browser && "skipped" in r.browser) add("Browser speed", "not measured", "—", undefined, r.browser.skipped);
  else if (r.browser) {
    const b = r.browser;
    for (const [what, t] of [["People", b.people], [`An organization's users table`, b.usersTable]] as const) {
      if (!t) continue;
      const settle = what === "People" ? settleNote(b.serverSettle) : "";
      add(`${what} (${n(t.load.rows ?? 0)} rows), from the store: first rows painted`, ms(t.load.firstRowsMs), "< 1,000 ms", t.load.firstRowsMs < 1000, `${t.load.url}; ${loads(t.load)}${settle}`);
      add(`${what}: keystroke → filtered rows painted`, `p95 ${ms(t.keystrokes.p95Ms)} (median ${ms(t.keystrokes.medianMs)})`, "p95 < 50 ms", t.keystrokes.p95Ms < 50, keystrokeNotes(t.keystrokes, t.keystrokesByTab));
      if (t.scriptBytesTransferred !== undefined) add(`${what}: JavaScript transferred`, kb(t.scriptBytesTransferred), "—", null, `${t.scripts} scripts, ${kb(t.scriptBytesDecoded ?? 0)} uncompressed`);
    }
    if (b.facets) add("People: facet change (organization role on/off) → rows painted", `p95 ${ms(b.facets.p95Ms)} (median ${ms(b.facets.medianMs)})`, "p95 < 100 ms", b.facets.p95Ms < 100, `${b.facets.n} changes`);
    if (b.privileged) add("Privileged access report: first rows painted", ms(b.privileged.firstRowsMs), "< 300 ms", b.privileged.firstRowsMs < 300, `${n(b.privileged.rows ?? 0)} rows; ${loads(b.privileged)}`);
    if (b.overview)
      add(
        `Overview (${n(b.overview.rows ?? 0)} organizations): every count painted`,
        ms(b.overview.firstRowsMs),
        "< 1,000 ms",
        b.overview.firstRowsMs < 1000,
        `${loads(b.overview)}; ${n(b.overview.directoryRequests)} /api/directory request${b.overview.directoryRequests === 1 ? "" : "s"} by the first load`,
      );
    if (b.headerSearch && "notBuilt" in b.headerSearch) add("Header search", "not built", "< 300 ms", undefined, b.headerSearch.notBuilt);
    else if (b.headerSearch) add("Header search (/api/directory/search): answer", `p95 ${ms(b.headerSearch.p95Ms)} (median ${ms(b.headerSearch.medianMs)})`, "< 300 ms", b.headerSearch.p95Ms < 300, `${b.headerSearch.n} queries`);
  }
  if (r.changes) {
    const c = r.changes;
    add("Changes between two syncs (1% churn): JSON first page", ms(c.json.firstPageMs), "< 300 ms", c.json.firstPageMs < 300, `${n(c.json.changesOnFirstPage)} changes on it${c.json.more ? " (more follow)" : ""}; warm median ${ms(c.json.warmMedianMs)}; the simulator made ${n(c.simulatorChanges)}`);
    add("Changes page: first rows painted", ms(c.page.firstRowsMs), "< 300 ms", c.page.firstRowsMs < 300, `${loads(c.page)}${settleNote(c.serverSettle)}; second sync ${s(c.secondSync.wallMs)}, ${n(c.secondSync.calls)} calls`);
  }
  if (r.export) {
    const e = r.export;
    add(
      `Live CSV export of ${n(e.expectedRows)} rows (/api/export/users.csv)`,
      `${n(e.rowsPerSecond)} rows/s`,
      e.boundRowsPerSecond ? `bound ${n(e.boundRowsPerSecond)} rows/s` : "—",
      null,
      `${n(e.calls)} calls (minimum ${n(e.minimumCalls ?? 0)}); ${s(e.wallMs)}; server peak RSS ${mb(e.peakRssBytes)} (${mb(e.rssBeforeBytes)} before)`,
    );
  }
  if (r.asOfExport) {
    const e = r.asOfExport;
    const live = r.export?.rowsPerSecond;
    add(
      `As-of CSV export of ${n(e.expectedRows)} rows (?as_of=<first sync>)`,
      `${n(e.rowsPerSecond)} rows/s, ${n(e.calls)} upstream calls`,
      live ? `≥ ${n(live)} rows/s (live), 0 calls` : "≥ the live export, 0 calls",
      live === undefined ? undefined : e.rowsPerSecond >= live && e.calls === 0,
      `${s(e.wallMs)}; server peak RSS ${mb(e.peakRssBytes)} (${mb(e.rssBeforeBytes)} before)`,
    );
  }
  if (r.storage) {
    const t = r.storage;
    add(`Storage: ${t.syncs} syncs, ${(t.churn * 100).toFixed(0)}% churn between each: fact rows`, `${n(t.afterAll.factRows)} (${t.rowsRatio.toFixed(2)}×)`, `< 1.5 × ${n(t.afterOne.factRows)} (one sync)`, t.rowsRatio < 1.5, `${n(t.afterAll.currentFacts)} current; ${n(t.changesMade)} changes made`);
    add("Storage: bytes (pg_total_relation_size of directory_facts, sync_staging, syncs)", `${mb(t.afterAll.bytes)} (${t.bytesRatio.toFixed(2)}×)`, `< 1.5 × ${mb(t.afterOne.bytes)}`, t.bytesRatio < 1.5, `first sync ${s(t.syncMs.first)}, later ones ${s(t.syncMs.medianLater)} (median), in process`);
  }
  if (r.officers) {
    const f = r.officers;
    add(`${f.officers} concurrent officers open the same organization's users live (/api/compliance, one instance)`, `${n(f.calls)} upstream calls`, `${n(f.ideal)} (one walk of ${n(f.org.users)} users)`, f.calls <= f.ideal && f.allAnswered, `${f.allAnswered ? "every page answered" : `SOME WALKS FAILED: ${f.failures.join("; ")}`}; ${s(f.wallMs)}`);
  }
  if (r.instances) {
    const a = r.instances.sameOrg;
    const b = r.instances.spread;
    add(`Two instances sharing Redis, ${a.officers} officers on the same organization's users`, `${n(a.calls)} upstream calls`, `${n(a.ideal)} (one walk)`, a.calls <= a.ideal && a.allAnswered, `${a.allAnswered ? "every page answered" : `SOME WALKS FAILED: ${a.failures.join("; ")}`}; ${s(a.wallMs)}`);
    add(
      `Two instances sharing Redis, ${b.officers} officers on ${b.orgs} different organizations: most request starts in any 1 s`,
      String(b.maxStartsPerSecond),
      `≤ ${o.rps} (the rate)`,
      b.maxStartsPerSecond <= o.rps && b.allAnswered,
      `${n(b.calls)} calls (minimum ${n(b.ideal)}), ${b.allAnswered ? "every page answered" : `SOME WALKS FAILED: ${b.failures.join("; ")}`}, ${n(b.status429)} × 429, ${s(b.wallMs)}`,
    );
  }
  return rows;
}

/** Fills `report.goals` and answers the Markdown. */
export function markdownTable(r: BenchReport): string {
  const o = r.options;
  const rows = rowsOf(r);
  r.goals = rows.filter((x) => x.verdict !== "").map((x) => ({ measurement: x.measurement, verdict: x.verdict as Verdict }));
  const header =
    `Tree: ${n(o.orgs)} organizations, ${n(o.users)} memberships (the largest organization ${n(o.tableRows)}), ${n(o.groups)} groups (seed "${o.seed}"). ` +
    `App at COMPLIANCE_RATE_LIMIT_RPS=${o.rps}; simulator budget ${n(o.ratePerMinute)}/min. ` +
    `${r.machine.cpus} CPUs, Node ${r.machine.node}, load average ${r.machine.loadAverage.start.toFixed(1)} at the start and ${r.machine.loadAverage.end.toFixed(1)} at the end. ` +
    `Run ${r.startedAt}, ${s(r.durationMs)} in all.`;
  const cell = (c: string) => c.replace(/\|/g, "\\|").replace(/\bNaN\b/g, "—");
  const table = [
    "| measurement | result | goal or bound | verdict | notes |",
    "|---|---|---|---|---|",
    ...rows.map((x) => `| ${[x.measurement, x.result, x.goal, x.verdict, x.notes].map(cell).join(" | ")} |`),
  ].join("\n");
  const met = r.goals.filter((g) => g.verdict === "met").length;
  const missed = r.goals.filter((g) => g.verdict === "missed").map((g) => g.measurement);
  const summary = `Goals met: ${met} of ${r.goals.length}${missed.length ? `; missed: ${missed.join("; ")}` : ""}.`;
  const errors = r.errors.length ? `\n\nERRORS (measurements that could not be taken; the run failed):\n${r.errors.map((e) => `- ${e}`).join("\n")}` : "";
  return `${header}\n\n${table}\n\n${summary}${errors}\n`;
}
