/*
 * `npm run load`: the soak behind the README's reliability figures. The built app (`next start`,
 * live mode) against the simulator in its own process, and N officers browsing at once for a
 * bounded time: log in, then walk the organizations, users, roles, groups and settings routes in a
 * loop, with a short pause between clicks. Everything listens on 127.0.0.1.
 *
 * Prints a Markdown table: requests made, the app's 5xx answers, the simulator's busiest second
 * against the configured rate, and the app's RSS at start, middle and end. Exits 1 if the app
 * answered a 5xx or the rate was exceeded. Not part of `npm test`.
 *
 *   npm run load -- [--sessions 50] [--seconds 60] [--rps 4] [--max-requests 400] [--app-heap-mb N]
 *   (--app-heap-mb caps the app's V8 heap: RSS that grows under load but stays within a small cap
 *   is lazy garbage collection, not a leak; a leak ends in an out-of-memory crash)
 *   (needs a build: `npx next build`; NEXT_DIST_DIR picks its folder)
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { processTree, rssBytes, serverPidForPort } from "@/bench/processes";
import { hashPassword } from "@/lib/server/session/passwords";
import { SIM_KEYS } from "@/lib/tools/simulator/keys";
import type { LogEntry } from "@/lib/tools/simulator/server";
import { login, startApp } from "@/lib/tools/testing/app-server";
import { freePort } from "@/lib/tools/testing/ports";

const ROOT = path.resolve(__dirname, "..");

interface Options {
  sessions: number;
  seconds: number;
  rps: number;
  /** Per session: the loop stops at this many requests even if time remains. */
  maxRequests: number;
  orgs: number;
  users: number;
  groups: number;
  /** 0: Node's default heap limit. */
  appHeapMb: number;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { sessions: 50, seconds: 60, rps: 4, maxRequests: 400, orgs: 8, users: 4000, groups: 30, appHeapMb: 0 };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)$/.exec(argv[i]!);
    const v = Number(argv[i + 1]);
    if (!m || !Number.isFinite(v) || v <= 0) throw new Error(`usage: npm run load -- [--sessions 50] [--seconds 60] [--rps 4] [--max-requests 400] (got ${argv[i]})`);
    const key = m[1]!.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof Options;
    if (!(key in o)) throw new Error(`unknown option --${m[1]}`);
    o[key] = v;
    i++;
  }
  if (o.seconds > 600) throw new Error("--seconds is at most 600: this is a bounded soak");
  return o;
}

/** The simulator's CLI in its own process, so the load's event loop cannot skew its arrival times. */
async function startSimulatorProcess(o: Options): Promise<{ url: string; log(): Promise<LogEntry[]>; close(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "lib/tools/simulator/cli.ts"), "--port", String(port), "--seed", "load", "--orgs", String(o.orgs), "--users", String(o.users), "--groups", String(o.groups)],
    { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
  );
  let err = "";
  child.stderr?.on("data", (d) => (err += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the simulator exited: ${err}`);
    try {
      if ((await fetch(`${url}/__simulator/info`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error("the simulator did not start within 60 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    log: async () => ((await (await fetch(`${url}/__simulator/log`)).json()) as { entries: LogEntry[] }).entries,
    close: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
    },
  };
}

/** The arrivals of the busiest one-second window (sliding), oldest first. */
function busiestSecond(entries: readonly LogEntry[]): LogEntry[] {
  const sorted = [...entries].sort((a, b) => a.t - b.t);
  let best: LogEntry[] = [];
  for (let hi = 0, lo = 0; hi < sorted.length; hi++) {
    while (sorted[hi]!.t - sorted[lo]!.t >= 1000) lo++;
    if (hi - lo + 1 > best.length) best = sorted.slice(lo, hi + 1);
  }
  return best;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

interface Tally {
  requests: number;
  byStatus: Map<number, number>;
  networkErrors: number;
  latencies: number[];
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One officer clicking around until the deadline or their request budget runs out. */
async function browse(appUrl: string, cookie: string, deadline: number, o: Options, tally: Tally): Promise<void> {
  let made = 0;
  const get = async (p: string): Promise<unknown> => {
    made++;
    tally.requests++;
    const started = performance.now();
    try {
      const res = await fetch(`${appUrl}${p}`, { headers: { cookie }, signal: AbortSignal.timeout(60_000), redirect: "manual" });
      const body = await res.text();
      tally.latencies.push(performance.now() - started);
      tally.byStatus.set(res.status, (tally.byStatus.get(res.status) ?? 0) + 1);
      if (res.status >= 500) console.error(`5xx ${res.status} ${p}: ${body.slice(0, 200)}`);
      return res.headers.get("content-type")?.includes("json") ? JSON.parse(body) : body;
    } catch (e) {
      tally.networkErrors++;
      console.error(`request failed ${p}: ${e instanceof Error ? e.message : e}`);
      return undefined;
    }
  };
  const more = () => Date.now() < deadline && made < o.maxRequests;

  await get("/");
  await get("/api/directory/summary");
  while (more()) {
    const orgs = (await get("/api/compliance/organizations")) as { data?: { uuid: string }[] } | undefined;
    const org = orgs?.data?.length ? pick(orgs.data).uuid : undefined;
    const steps = [
      () => (org ? get(`/organizations/${org}/users`) : get("/")),
      () => (org ? get(`/api/compliance/organizations/${org}/users?limit=1000`) : get("/api/auth/me")),
      () => (org ? get(`/api/compliance/organizations/${org}/roles`) : get("/api/auth/me")),
      () => get("/api/compliance/groups?limit=1000"),
      () => get("/groups"),
      () => (org ? get(`/api/compliance/organizations/${org}/settings`) : get("/settings")),
      () => get("/api/auth/me"),
    ];
    for (const step of steps) {
      if (!more()) return;
      await step();
      await pause(200 + Math.random() * 600);
    }
  }
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const officer = { username: "load", password: "load-test-officer-password-0001" };
  const dataDir = `test-results/load-data-${process.pid}`;
  console.error(`load: ${o.sessions} sessions for up to ${o.seconds} s at COMPLIANCE_RATE_LIMIT_RPS=${o.rps}; starting the simulator and the app…`);

  const sim = await startSimulatorProcess(o);
  const app = await startApp({
    ANTHROPIC_COMPLIANCE_ACCESS_KEY: SIM_KEYS.full,
    COMPLIANCE_API_BASE_URL: sim.url,
    SESSION_SECRET: "load-test-session-secret-not-for-production-0000",
    DASHBOARD_USERS: `${officer.username}:${await hashPassword(officer.password)}`,
    DATA_DIR: dataDir,
    COMPLIANCE_RATE_LIMIT_RPS: String(o.rps),
    ...(o.appHeapMb > 0 ? { NODE_OPTIONS: `--max-old-space-size=${o.appHeapMb}` } : {}),
  });
  try {
    const pid = serverPidForPort(app.port);
    const rss = () => (pid ? rssBytes(processTree(pid)) : NaN);
    const rssStart = rss();

    const cookies: string[] = [];
    for (let i = 0; i < o.sessions; i++) cookies.push(await login(app.url, officer.username, officer.password));

    const tally: Tally = { requests: 0, byStatus: new Map(), networkErrors: 0, latencies: [] };
    const startedAt = Date.now();
    const deadline = startedAt + o.seconds * 1000;
    let rssMiddle = NaN;
    let rssPeak = rssStart;
    const timeline: string[] = [];
    let tick = 0;
    const sampler = setInterval(() => {
      const now = rss();
      rssPeak = Math.max(rssPeak, now);
      if (++tick % 10 === 0) timeline.push(`${tick}s ${Math.round(now / (1024 * 1024))} MB`);
    }, 1000);
    const middle = setTimeout(() => (rssMiddle = rss()), (o.seconds * 1000) / 2);
    await Promise.all(cookies.map((c) => browse(app.url, c, deadline, o, tally)));
    clearInterval(sampler);
    clearTimeout(middle);
    const elapsed = (Date.now() - startedAt) / 1000;
    const rssEnd = rss();
    console.error(`app RSS every 10 s: ${timeline.join(", ")}`);
    // Memory that stays after the load is gone is what would accumulate over days.
    await pause(15_000);
    const rssIdle = rss();

    const upstream = (await sim.log()).filter((e) => e.path.startsWith("/v1/"));
    const window = busiestSecond(upstream);
    const busiest = window.length;
    if (busiest > Math.floor(o.rps)) {
      console.error(`busiest second at the simulator (ms after the first arrival in it):\n${window.map((e) => `  +${e.t - window[0]!.t} ${e.path}`).join("\n")}`);
    }
    const fiveXX = [...tally.byStatus].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    const statuses = [...tally.byStatus].sort(([a], [b]) => a - b).map(([s, c]) => `${s}: ${c}`).join(", ");
    const lat = [...tally.latencies].sort((a, b) => a - b);
    const mb = (b: number) => (Number.isFinite(b) ? `${Math.round(b / (1024 * 1024))} MB` : "n/a");

    const rows: [string, string][] = [
      ["command", `\`npm run load -- --sessions ${o.sessions} --seconds ${o.seconds} --rps ${o.rps}${o.appHeapMb ? ` --app-heap-mb ${o.appHeapMb}` : ""}\``],
      ["directory (simulator)", `${o.orgs} organizations, ${o.users.toLocaleString("en-US")} memberships, ${o.groups} groups`],
      ["concurrent sessions", String(o.sessions)],
      ["duration", `${elapsed.toFixed(0)} s`],
      ["requests to the app", `${tally.requests.toLocaleString("en-US")} (${(tally.requests / elapsed).toFixed(1)}/s)`],
      ["answers by status", statuses || "none"],
      ["app 5xx answers", String(fiveXX)],
      ["failed connections", String(tally.networkErrors)],
      ["latency p50 / p95 / max", `${percentile(lat, 50).toFixed(0)} / ${percentile(lat, 95).toFixed(0)} / ${percentile(lat, 100).toFixed(0)} ms`],
      ["upstream requests (simulator)", `${upstream.length.toLocaleString("en-US")}, of which 429: ${upstream.filter((e) => e.status === 429).length}`],
      ["most upstream starts in any 1 s", `${busiest} (rate ${o.rps}/s)`],
      ["app RSS start / middle / end (peak)", `${mb(rssStart)} / ${mb(rssMiddle)} / ${mb(rssEnd)} (${mb(rssPeak)})`],
      ["app RSS 15 s after the load", mb(rssIdle)],
    ];
    console.log("| measure | value |\n|---|---|");
    for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);

    const ok = fiveXX === 0 && tally.networkErrors === 0 && busiest <= Math.floor(o.rps);
    if (!ok) console.error("load: FAILED (5xx answers, failed connections or a rate violation above)");
    process.exitCode = ok ? 0 : 1;
  } finally {
    await app.close();
    await sim.close();
    rmSync(path.join(ROOT, dataDir), { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
