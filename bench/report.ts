/*
 * The report: one Markdown table (quoted in the README) and the same numbers as JSON, both under
 * bench/reports/ named by the run's date and time.
 */

export interface WalkResult {
  calls: number;
  minimum: number;
  minimumByKind: Record<string, number>;
  wallMs: number;
  boundMs: number;
  status429: number;
  maxStartsPerSecond: number;
  rows: { memberships: number; people: number; groups: number; groupMemberships: number; roles: number };
}

export interface OfficersResult {
  officers: number;
  org: { uuid: string; users: number };
  calls: number;
  ideal: number;
  allAnswered: boolean;
  wallMs: number;
}

export interface InstancesResult {
  sameOrg: OfficersResult;
  spread: { officers: number; orgs: number; calls: number; ideal: number; allAnswered: boolean; maxStartsPerSecond: number; status429: number; wallMs: number };
}

export interface ExportResult {
  rows: number;
  expectedRows: number;
  complete: boolean;
  wallMs: number;
  rowsPerSecond: number;
  boundRowsPerSecond: number;
  calls: number;
  minimumCalls: number;
  peakRssBytes: number;
  rssBeforeBytes: number;
  rssSamples: number;
  bytes: number;
}

export interface TableResult {
  rows: number;
  loadMs: number;
  keystrokes: number;
  medianMs: number;
  p95Ms: number;
  samplesMs: number[];
  scriptBytesTransferred: number;
  scriptBytesDecoded: number;
  scripts: number;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** loadAverage: the 1-minute load average at the start and the end (other work on the machine skews the timings). */
  machine: { cpus: number; node: string; platform: string; loadAverage: { start: number; end: number } };
  options: {
    quick: boolean;
    seed: string;
    orgs: number;
    users: number;
    groups: number;
    tableRows: number;
    rps: number;
    ratePerMinute: number;
    officers: number;
  };
  build: { dir: string; id: string };
  walk?: WalkResult;
  officers?: OfficersResult;
  instances?: InstancesResult;
  export?: ExportResult;
  table?: TableResult | { skipped: string };
  errors: string[];
}

const n = (x: number) => Math.round(x).toLocaleString("en-US");
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (b: number) => `${(b / (1024 * 1024)).toFixed(0)} MB`;
const kb = (b: number) => `${(b / 1024).toFixed(0)} kB`;

export function markdownTable(r: BenchReport): string {
  const o = r.options;
  const rows: string[][] = [];
  if (r.walk) {
    const w = r.walk;
    rows.push([
      "Full directory walk (organizations, users, roles, groups, members): upstream calls",
      n(w.calls),
      `${n(w.minimum)} minimum at limit=1000`,
      `${n(w.rows.memberships)} memberships, ${n(w.rows.people)} people, ${n(w.rows.roles)} roles, ${n(w.rows.groupMemberships)} group memberships`,
    ]);
    rows.push([
      "Full directory walk: wall time",
      s(w.wallMs),
      `${s(w.boundMs)} (calls ÷ ${o.rps} rps)`,
      `${n(w.status429)} × 429; most starts in any 1 s: ${w.maxStartsPerSecond}`,
    ]);
  }
  if (r.officers) {
    const f = r.officers;
    rows.push([
      `${f.officers} concurrent officers open the same organization's users (one instance)`,
      `${n(f.calls)} upstream calls`,
      `${n(f.ideal)} (one walk of ${n(f.org.users)} users)`,
      `${f.allAnswered ? "every page answered" : "SOME PAGES FAILED"}; ${s(f.wallMs)}`,
    ]);
  }
  if (r.instances) {
    const a = r.instances.sameOrg;
    const b = r.instances.spread;
    rows.push([
      `Two instances sharing Redis, ${a.officers} officers on the same organization's users`,
      `${n(a.calls)} upstream calls`,
      `${n(a.ideal)} (one walk)`,
      `${a.allAnswered ? "every page answered" : "SOME PAGES FAILED"}; ${s(a.wallMs)}`,
    ]);
    rows.push([
      `Two instances sharing Redis, ${b.officers} officers on ${b.orgs} different organizations: most request starts in any 1 s`,
      String(b.maxStartsPerSecond),
      `${o.rps} (the rate)`,
      `${n(b.calls)} calls (minimum ${n(b.ideal)}), ${b.allAnswered ? "every page answered" : "SOME PAGES FAILED"}, ${n(b.status429)} × 429, ${s(b.wallMs)}`,
    ]);
  }
  if (r.export) {
    const e = r.export;
    rows.push([
      `CSV export of ${n(e.expectedRows)} rows (/api/export/users.csv)`,
      `${n(e.rowsPerSecond)} rows/s`,
      `${n(e.boundRowsPerSecond)} rows/s (${n(e.expectedRows)} rows ÷ (${n(e.minimumCalls)} calls ÷ ${o.rps} rps))`,
      `${e.complete ? "complete" : `INCOMPLETE: ${n(e.rows)} rows`}; ${n(e.calls)} calls; ${s(e.wallMs)}; server peak RSS ${mb(e.peakRssBytes)} (${mb(e.rssBeforeBytes)} before)`,
    ]);
  }
  if (r.table && "medianMs" in r.table) {
    const t = r.table;
    rows.push([
      `Users table in Chromium, ${n(t.rows)} rows: keystroke in search → filtered rows painted`,
      `median ${n(t.medianMs)} ms, p95 ${n(t.p95Ms)} ms`,
      "—",
      `${t.keystrokes} keystrokes; table loaded in ${s(t.loadMs)}`,
    ]);
    rows.push([
      "Users page JavaScript transferred",
      kb(t.scriptBytesTransferred),
      "—",
      `${t.scripts} scripts, ${kb(t.scriptBytesDecoded)} uncompressed`,
    ]);
  } else if (r.table) {
    rows.push(["Users table in Chromium", "not measured", "—", r.table.skipped]);
  }
  const header = `Tree: ${n(o.orgs)} organizations, ${n(o.users)} memberships, ${n(o.groups)} groups (seed "${o.seed}"). ` +
    `App at COMPLIANCE_RATE_LIMIT_RPS=${o.rps}; simulator budget ${n(o.ratePerMinute)}/min. ` +
    `${r.machine.cpus} CPUs, Node ${r.machine.node}, load average ${r.machine.loadAverage.start.toFixed(1)} at the start and ${r.machine.loadAverage.end.toFixed(1)} at the end. ` +
    `Run ${r.startedAt}, ${s(r.durationMs)} in all.`;
  const table = [
    "| measurement | result | bound or ideal | notes |",
    "|---|---|---|---|",
    ...rows.map((cells) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`),
  ].join("\n");
  const errors = r.errors.length ? `\n\nErrors:\n${r.errors.map((e) => `- ${e}`).join("\n")}` : "";
  return `${header}\n\n${table}${errors}\n`;
}
