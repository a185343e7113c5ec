import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { arrivedAt, startArrivalClock, type ArrivalClock } from "./arrival-clock";
import { ComplianceApi, ERROR_REVISIONS, errorBody, type ApiResult, type ErrorRevision } from "./api";
import { buildDirectory, type Directory, type DirectoryOptions } from "./directory";
import { FaultBook, FaultRuleError, defaultMessageFor, errorTypeFor, parseFaultRules, type FaultRule, type FaultRuleState } from "./faults";
import { SIM_KEYS } from "./keys";
import { MutationError, parseChangeRequests, type Change, type ChangeRequest } from "./mutations";
import { PageTokens } from "./page-token";
import { RateWindow, type RateState } from "./rate-window";

/*
 * The synthetic Compliance API as a real HTTP server (node:http, no framework), for the demo,
 * the integration and browser tests, and the benchmarks. Loopback only. Besides the API paths
 * it answers control paths under /__simulator/ (no key): the request log, fault rules and a
 * reset. lib/tools/simulator/README.md describes the keys, the data and each fault kind.
 */

export type { FaultRule, FaultKind, FaultRuleState } from "./faults";
export type { Change, ChangeKind, ChangeRequest } from "./mutations";
export { SIM_KEYS } from "./keys";

export interface SimulatorOptions extends DirectoryOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: "127.0.0.1";
  /** The parent's budget, all keys together (API.md: 600). */
  ratePerMinute?: number;
  /** The older, unpaginated organizations list that answers 500 beyond 1,000 organizations. */
  legacyOrganizations?: boolean;
  /** Which spec revision's error forms to answer in (api.ts, ERROR_REVISIONS); default "current". */
  errorRevision?: ErrorRevision;
  /** Churn steps 1..N applied before the server listens (fraction `churn`, default 0.01). */
  initialChurnSteps?: number;
  churn?: number;
  /**
   * Stamp arrivals on a thread of their own (arrival-clock.ts) instead of when the handler runs:
   * for measuring request starts per second against a large directory, whose pages keep the
   * simulator's thread busy. `url` and `port` are then the clock's.
   */
  arrivalClock?: boolean;
}

export interface LogEntry {
  /** Epoch ms when the request arrived. */
  t: number;
  method: string;
  path: string;
  /** Raw query string without "?" ("" when none). */
  query: string;
  /** Status answered; 0 while pending, and for hang and reset faults (no answer). */
  status: number;
  requestId: string;
  /** The SIM_KEYS name of an accepted key. */
  key?: string;
  /** The fault rule applied, if any. */
  fault?: FaultRule["kind"];
}

export interface SimulatorHandle {
  url: string;
  port: number;
  directory: Directory;
  keys: typeof SIM_KEYS;
  ratePerMinute: number;
  legacyOrganizations: boolean;
  errorRevision: ErrorRevision;
  close(): Promise<void>;
  /** Replaces the fault rules (same as POST /__simulator/faults). Throws on an invalid rule. */
  setFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  faults(): FaultRuleState[];
  /** A copy of the request log, oldest first. */
  log(): LogEntry[];
  clearLog(): void;
  /** Clears the log, the fault rules and the rate window (not the directory's changes). */
  reset(): void;
  /** Same as POST /__simulator/mutate with {changes}: applies them, answers what changed. */
  mutate(changes: ChangeRequest[]): Change[];
  /** Same as POST /__simulator/mutate with {churn, step}. */
  churn(fraction: number, step?: number): Change[];
}

const MAX_LOG = 200_000;
const MAX_CONTROL_BODY = 1 << 20;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function requestId(): string {
  const bytes = randomBytes(24);
  let s = "req_011C";
  for (const b of bytes) s += BASE62[b % 62];
  return s;
}

function rateHeaders(r: RateState): Record<string, string> {
  return {
    "anthropic-ratelimit-requests-limit": String(r.limit),
    "anthropic-ratelimit-requests-remaining": String(r.remaining),
    "anthropic-ratelimit-requests-reset": new Date(Math.ceil(r.resetAt / 1000) * 1000).toISOString().replace(".000Z", "Z"),
  };
}

/** The request target as sent (no normalisation): the log must show what really arrived. */
interface RawUrl {
  pathname: string;
  /** "?" and the query, or "". */
  search: string;
}
function splitUrl(target: string): RawUrl {
  const q = target.indexOf("?");
  return q < 0 ? { pathname: target, search: "" } : { pathname: target.slice(0, q), search: target.slice(q) };
}

/** A body that is not JSON, as a broken proxy or a cut-off upstream sends with a 200. */
const MALFORMED_BODY = '{"data": [{"id": "user_01XyDMpzjS89pFZXqSFUBDr6", "full_name": "Priya Sharma", }], "has_more": tru';
const HTML_BODY =
  "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><h1>Checking your browser</h1><p>Please enable JavaScript.</p></body></html>";

export async function startSimulator(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const ratePerMinute = opts.ratePerMinute ?? 600;
  if (!Number.isInteger(ratePerMinute) || ratePerMinute < 1) throw new RangeError(`ratePerMinute must be a whole number >= 1 (got ${ratePerMinute})`);
  const host = opts.host ?? "127.0.0.1";
  const legacyOrganizations = opts.legacyOrganizations ?? false;
  const errorRevision = opts.errorRevision ?? "current";
  if (!ERROR_REVISIONS.includes(errorRevision)) throw new RangeError(`errorRevision must be one of ${ERROR_REVISIONS.join(", ")} (got ${String(errorRevision)})`);
  const directory = buildDirectory(opts);
  const steps = opts.initialChurnSteps ?? 0;
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`initialChurnSteps must be a whole number >= 0 (got ${steps})`);
  for (let step = 1; step <= steps; step++) directory.churn(opts.churn ?? 0.01, step);
  const tokens = new PageTokens();
  const rate = new RateWindow(ratePerMinute);
  const faults = new FaultBook();
  const api = new ComplianceApi({ directory, tokens, rate, legacyOrganizations, errorRevision });
  let log: LogEntry[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  let clock: ArrivalClock | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  function send(res: http.ServerResponse, entry: LogEntry | undefined, status: number, body: string, headers: Record<string, string>) {
    if (res.headersSent || res.destroyed) return;
    const buf = Buffer.from(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": String(buf.length), ...headers });
    res.end(buf);
    if (entry) entry.status = status;
  }

  function renderPage(result: Extract<ApiResult, { kind: "page" }>, fault: FaultRule | undefined) {
    const { resource, offset, hop, limit, total, rows } = result;
    const end = Math.min(total, offset + limit);
    const hasMore = end < total;
    const next = hasMore ? tokens.issue(resource, end) : null;
    switch (fault?.kind) {
      case "empty-page":
        // Nothing lost: the next token points at the same rows, under a fresh token text.
        return { data: [], has_more: true, next_page: tokens.issue(resource, offset, hop + 1) };
      case "repeat-token":
        return { data: rows(offset, end), has_more: true, next_page: result.sentToken ?? tokens.issue(resource, 0) };
      case "duplicate": {
        if (offset === 0) {
          const data = rows(0, end);
          if (data.length > 1) data[data.length - 1] = data[0];
          return { data, has_more: hasMore, next_page: next };
        }
        return { data: rows(Math.max(0, offset - limit), offset), has_more: hasMore, next_page: next };
      }
      default:
        return { data: rows(offset, end), has_more: hasMore, next_page: next };
    }
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: RawUrl) {
    const arrived = (clock && arrivedAt(req.headers)) || Date.now();
    const entry: LogEntry = { t: arrived, method: req.method ?? "GET", path: url.pathname, query: url.search.slice(1), status: 0, requestId: requestId() };
    if (log.length >= MAX_LOG) log = log.slice(MAX_LOG / 2);
    log.push(entry);
    const fault = faults.take(url.pathname);
    if (fault) entry.fault = fault.kind;
    const sentKey = typeof req.headers["x-api-key"] === "string" ? req.headers["x-api-key"] : undefined;
    // echoKey: an upstream that quotes the key it was sent back in its request id (issue 10, item 6).
    const answerId = fault?.echoKey && sentKey ? `${entry.requestId}-${sentKey}` : entry.requestId;
    const extra = { "request-id": answerId, ...(fault?.headers ?? {}), ...(fault?.retryAfter !== undefined ? { "retry-after": fault.retryAfter } : {}) };

    if (fault?.kind === "hang") return; // answered by nobody: the client's timeout must fire
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (closed || res.destroyed) return;

    switch (fault?.kind) {
      case "reset":
        req.socket.destroy();
        return;
      case "status": {
        const status = fault.status as number;
        const message = fault.message ?? defaultMessageFor(status);
        const body = errorBody(fault.errorType ?? errorTypeFor(status), fault.echoKey && sentKey ? `${message} (x-api-key ${sentKey})` : message);
        // A 401 is refused before the rate limiter upstream: no budget headers (API.md).
        const budget = status === 401 ? {} : rateHeaders(rate.peek(arrived));
        send(res, entry, status, JSON.stringify(body), { ...budget, ...extra });
        return;
      }
      case "malformed":
        send(res, entry, 200, MALFORMED_BODY, { ...rateHeaders(rate.peek(arrived)), ...extra });
        return;
      case "content-type":
        send(res, entry, 200, HTML_BODY, { ...rateHeaders(rate.peek(arrived)), ...extra, "content-type": "text/html; charset=utf-8" });
        return;
    }

    const result = api.handle({
      method: req.method ?? "GET",
      pathname: url.pathname,
      query: url.search.slice(1),
      apiKey: sentKey,
      now: arrived,
    });
    if (result.keyName) entry.key = result.keyName;
    const status = result.kind === "page" ? 200 : result.status;
    const body = JSON.stringify(result.kind === "page" ? renderPage(result, fault) : result.body);
    const headers = { ...(result.rate ? rateHeaders(result.rate) : {}), ...result.headers, ...extra };

    if (fault?.kind === "truncate") {
      // The promised length, half the bytes, then the connection goes: a body cut short.
      const buf = Buffer.from(body);
      res.writeHead(status, { "content-type": "application/json", "content-length": String(buf.length), ...headers });
      entry.status = status;
      res.write(buf.subarray(0, Math.max(1, Math.floor(buf.length / 2))), () => req.socket.destroy());
      return;
    }
    send(res, entry, status, body, headers);
  }

  function readJson(req: http.IncomingMessage): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size > MAX_CONTROL_BODY) reject(new FaultRuleError("body too large"));
        else chunks.push(c);
      });
      req.on("end", () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8") || "null"));
        } catch {
          reject(new FaultRuleError("body is not JSON"));
        }
      });
      req.on("error", reject);
    });
  }

  const handle: SimulatorHandle = {
    url: "",
    port: 0,
    directory,
    keys: SIM_KEYS,
    ratePerMinute,
    legacyOrganizations,
    errorRevision,
    close: async () => {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await clock?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    setFaults: (rules) => faults.set(rules),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    log: () => log.map((e) => ({ ...e })),
    clearLog: () => {
      log = [];
    },
    reset: () => {
      log = [];
      faults.clear();
      rate.clear();
    },
    mutate: (changes) => directory.mutate(changes),
    churn: (fraction, step) => directory.churn(fraction, step),
  };

  async function handleControl(req: http.IncomingMessage, res: http.ServerResponse, url: RawUrl) {
    const json = (status: number, body: unknown) => send(res, undefined, status, JSON.stringify(body), {});
    const route = `${req.method} ${url.pathname}`;
    try {
      switch (route) {
        case "GET /__simulator/log":
          return json(200, { entries: log });
        case "DELETE /__simulator/log":
          handle.clearLog();
          return json(200, { ok: true });
        case "GET /__simulator/faults":
          return json(200, { rules: faults.list() });
        case "POST /__simulator/faults": {
          const body = (await readJson(req)) as { rules?: unknown } | null;
          faults.set(parseFaultRules(body?.rules));
          return json(200, { ok: true, rules: faults.list().length });
        }
        case "DELETE /__simulator/faults":
          faults.clear();
          return json(200, { ok: true });
        case "POST /__simulator/reset":
          handle.reset();
          return json(200, { ok: true });
        case "POST /__simulator/mutate": {
          const body = (await readJson(req)) as Record<string, unknown> | null;
          if (!body || typeof body !== "object" || Array.isArray(body)) throw new MutationError('send {"churn": fraction, "step"?: n} or {"changes": [...]}');
          if ("churn" in body) {
            const { churn, step } = body;
            if (typeof churn !== "number" || !(churn >= 0 && churn <= 1)) throw new MutationError("churn must be a number from 0 to 1");
            if (step !== undefined && !(Number.isInteger(step) && (step as number) >= 0)) throw new MutationError("step must be a whole number >= 0");
            const changes = directory.churn(churn, step as number | undefined);
            return json(200, { version: directory.version, changes });
          }
          const changes = directory.mutate(parseChangeRequests(body.changes));
          return json(200, { version: directory.version, changes });
        }
        case "GET /__simulator/info":
          return json(200, {
            organizations: directory.organizations.length,
            memberships: directory.totalMemberships,
            groups: directory.groups.length,
            seed: directory.seed,
            version: directory.version,
            ratePerMinute,
            legacyOrganizations,
            errorRevision,
          });
        default:
          return json(404, errorBody("not_found_error", `No control endpoint ${route}`));
      }
    } catch (e) {
      if (e instanceof FaultRuleError) return json(400, errorBody("invalid_request_error", e.message));
      if (e instanceof MutationError) return json(400, { ...errorBody("invalid_request_error", e.message), applied: e.applied });
      throw e;
    }
  }

  const server = http.createServer((req, res) => {
    const url = splitUrl(req.url ?? "/");
    const work = url.pathname.startsWith("/__simulator/") ? handleControl(req, res, url) : (req.resume(), handleApi(req, res, url));
    work.catch((e: unknown) => {
      // A bug in the simulator must show as a 500, not a hung test.
      send(res, undefined, 500, JSON.stringify(errorBody("api_error", `simulator error: ${e instanceof Error ? e.message : String(e)}`)), {});
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  clock = opts.arrivalClock ? await startArrivalClock((server.address() as AddressInfo).port) : undefined;
  const port = clock?.port ?? (server.address() as AddressInfo).port;
  handle.port = port;
  handle.url = `http://${host}:${port}`;
  return handle;
}
