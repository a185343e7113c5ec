import { rmSync } from "node:fs";
import path from "node:path";
import { hashPassword } from "@/lib/server/session/passwords";
import { buildDirectory, type Directory } from "@/lib/tools/simulator/directory";
import type { FaultRule, LogEntry, SimulatorOptions } from "@/lib/tools/simulator/server";
import { SIM_KEYS } from "@/lib/tools/simulator/keys";
import { login, startApp, type AppServer } from "@/lib/tools/testing/app-server";
import { spawnSimulator } from "@/lib/tools/testing/simulator-process";
import { maxInWindow } from "@/lib/tools/testing/start-windows";

/*
 * The hardening suites' rig: one simulator (in its own process: sim-process.ts) and one built app
 * (`next start`, live mode, a simulator key), an officer logged in, and a record of every answer
 * the suite saw (bodies and headers) for the secrets check. The simulator's request log is the
 * witness of what reached the upstream.
 */

export const OFFICER = { username: "hardy", password: "hardening-suite-password-0001" };
export const VIEWER = { username: "vera", password: "hardening-suite-viewer-0002" };
export const ACCESS_KEY = SIM_KEYS.full;

const ROOT = path.resolve(__dirname, "../../..");

/** The simulator process, driven through its control endpoints (lib/tools/simulator/README.md). */
export interface RemoteSim {
  url: string;
  /** The same data the simulator serves (a pure function of its options), for expectations. */
  directory: Directory;
  keys: typeof SIM_KEYS;
  log(): Promise<LogEntry[]>;
  clearLog(): Promise<void>;
  setFaults(rules: FaultRule[]): Promise<void>;
  clearFaults(): Promise<void>;
  /** Clears the log, the fault rules and the rate window. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startSimulatorProcess(opts: SimulatorOptions): Promise<RemoteSim> {
  // stdin stays open: the process stops when it closes (the suite went away without close()).
  const { child, url, exited } = await spawnSimulator(path.join(__dirname, "sim-process.ts"), opts, { cwd: ROOT, stdin: "pipe" });
  const control = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${url}${p}`, {
      method,
      ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`simulator ${method} ${p}: ${res.status} ${await res.text()}`);
    return res;
  };
  return {
    url,
    directory: buildDirectory(opts),
    keys: SIM_KEYS,
    log: async () => ((await (await control("GET", "/__simulator/log")).json()) as { entries: LogEntry[] }).entries,
    clearLog: async () => void (await control("DELETE", "/__simulator/log")),
    setFaults: async (rules) => void (await control("POST", "/__simulator/faults", { rules })),
    clearFaults: async () => void (await control("DELETE", "/__simulator/faults")),
    reset: async () => void (await control("POST", "/__simulator/reset")),
    close: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

export interface Stack {
  sim: RemoteSim;
  app: AppServer;
  cookie: string;
  /** Every response body and header set the suite read, for the key-leak check. */
  seen: string[];
  /** A request as the logged-in officer (pass `cookie: ""` in headers to send none); records what came back. */
  request(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  /** Reads a body to its end: `complete` is false when the connection broke before a clean end. */
  readAll(res: Response): Promise<{ text: string; complete: boolean }>;
  close(): Promise<void>;
}

export interface StackOptions {
  sim?: SimulatorOptions;
  env?: Record<string, string>;
  name: string;
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const sim = await startSimulatorProcess(opts.sim ?? {});
  const dataDir = `test-results/hardening-${opts.name}-${process.pid}`;
  let app: AppServer;
  try {
    app = await startApp({
      ANTHROPIC_COMPLIANCE_ACCESS_KEY: ACCESS_KEY,
      COMPLIANCE_API_BASE_URL: sim.url,
      SESSION_SECRET: `hardening-${opts.name}-session-secret-0123456789abcdef`,
      DASHBOARD_USERS: `${OFFICER.username}:${await hashPassword(OFFICER.password)},${VIEWER.username}:${await hashPassword(VIEWER.password)}:viewer`,
      DATA_DIR: dataDir,
      COMPLIANCE_RATE_LIMIT_RPS: "8",
      ...opts.env,
    });
  } catch (e) {
    await sim.close();
    throw e;
  }
  const cookie = await login(app.url, OFFICER.username, OFFICER.password);
  const seen: string[] = [];

  const record = (res: Response, text: string) => {
    seen.push(text, JSON.stringify([...res.headers]));
  };

  return {
    sim,
    app,
    cookie,
    seen,
    async request(pathAndQuery, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has("cookie")) headers.set("cookie", cookie);
      else if (headers.get("cookie") === "") headers.delete("cookie");
      const res = await fetch(`${app.url}${pathAndQuery}`, { redirect: "manual", ...init, headers });
      // Streams (exports, NDJSON) are recorded by readAll; everything else is read here once.
      if (!isStream(res)) record(res, await res.clone().text());
      return res;
    },
    async readAll(res) {
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = "";
      let complete = true;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
        }
      } catch {
        complete = false;
      }
      record(res, text);
      return { text, complete };
    },
    async close() {
      await app.close();
      await sim.close();
      rmSync(path.join(ROOT, dataDir), { recursive: true, force: true });
    },
  };
}

function isStream(res: Response): boolean {
  const type = res.headers.get("content-type") ?? "";
  return /text\/csv|ndjson/.test(type);
}

/** The most requests the simulator saw start within any one second (sliding over arrival times). */
export const maxStartsPerSecond = (entries: readonly Pick<LogEntry, "t">[]): number => maxInWindow(entries.map((e) => e.t));

/** The entries of the busiest one-second window, for a failure message. */
export function busiestSecond<E extends Pick<LogEntry, "t">>(entries: readonly E[]): E[] {
  const sorted = [...entries].sort((a, b) => a.t - b.t);
  let best: E[] = [];
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]!.t - sorted[lo]!.t >= 1000) lo++;
    if (hi - lo + 1 > best.length) best = sorted.slice(lo, hi + 1);
  }
  return best;
}

/** The app's error body, checked for the CONTRACT shape: a message a person can read, never a stack trace. */
export async function errorOf(res: Response): Promise<{ type: string; message: string; upstream_status?: number; request_id?: string }> {
  const body = (await res.json()) as { error?: { type: string; message: string; upstream_status?: number; request_id?: string } };
  if (!body.error) throw new Error(`expected an error body, got ${JSON.stringify(body).slice(0, 200)}`);
  return body.error;
}

/** Text that looks like a stack trace or a runtime's own error, which no officer should be shown. */
export const STACK_TRACE_RE = /\bat [\w$.<>]+ \(|node_modules|\.tsx?:\d+|webpack|turbopack|TypeError|ReferenceError|SyntaxError: /;
