import "server-only";
import type { z } from "zod";
import packageJson from "@/package.json";
import type { RawAnswer, UpstreamCache } from "@/lib/server/cache/upstream-cache";
import type { Limiter, Priority } from "@/lib/server/throttle/limiter";
import { isUpstreamError, UpstreamError } from "./errors";
import { earlyPauseMs, parseBudgetHeaders, parseRetryAfter } from "./rate-headers";
import { classifyErrorAnswer, scrubbedRequestId, scrubUpstreamText, type RetryClass } from "./response-errors";
import {
  DEFAULT_RETRY_POLICY,
  defaultSleep,
  rateLimitDelayMs,
  transientDelayMs,
  type RetryPolicy,
} from "./retry-policy";
import { createSingleFlight, type SingleFlight } from "./single-flight";

/*
 * The one place that calls the upstream. Every request goes: cache (issue 5, optional) →
 * single-flight → limiter → fetch with a timeout → retries → error normalisation → zod.
 * Routes, walkers and exports call this and never see a raw response.
 */

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface GetOptions {
  signal?: AbortSignal;
  /** "interactive" (default) goes ahead of "bulk" walks in the limiter queue. */
  priority?: Priority;
  /** Skip the cache (the officer pressed refresh); the answer still refreshes the cache. */
  fresh?: boolean;
  /**
   * False: the answer refreshes an answer the cache already holds, and adds none. A sync's answers
   * go to the store; added, its 3,000 pages at 200,000 memberships filled the cache's 128 MB with
   * pages no officer asked for, while a page an officer did ask for must not stay older than the store.
   */
  keep?: boolean;
  /**
   * On a cache miss, before anything is sent or joined: the caller's share of the upstream budget
   * (lib/server/throttle/officer-share.ts). Throws to refuse; returns what to call when the call is over.
   */
  admit?: (key: string) => () => void;
  /** Called for every request this call itself sends upstream, retries included (a sync counts its calls). */
  onSent?: () => void;
}

export interface UpstreamAnswer<T> {
  data: T;
  requestId?: string;
  /** Epoch ms when the upstream answered (older than now when served from the cache). */
  fetchedAt: number;
  fromCache?: boolean;
}

export interface UpstreamEvent {
  type: "retry" | "give_up";
  path: string;
  attempt: number;
  status?: number;
  reason: RetryClass | "timeout" | "network";
  delayMs?: number;
}

export interface UpstreamClientOptions {
  baseUrl: string;
  accessKey: string;
  limiter: Limiter;
  timeoutMs: number;
  userAgent?: string;
  /** Retries of transient failures (attempts = maxRetries + 1); overrides retry.maxAttempts. */
  maxRetries?: number;
  retry?: Partial<RetryPolicy>;
  /** Waits between attempts; tests pass a short one. The limiter's own pauses stay real. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Defaults to an in-process single-flight; `false` turns it off. */
  singleFlight?: SingleFlight | false;
  cache?: UpstreamCache;
  onEvent?: (e: UpstreamEvent) => void;
}

export interface UpstreamClient {
  get<S extends z.ZodType>(path: string, query: Query, schema: S, opts?: GetOptions): Promise<UpstreamAnswer<z.output<S>>>;
  readonly limiter: Limiter;
  readonly baseUrl: string;
}

export const DEFAULT_USER_AGENT = `compliance-directory/${packageJson.version}`;
export const ANTHROPIC_VERSION = "2023-06-01";

const SAFE_PATH_RE = /^\/v1\/compliance(\/[A-Za-z0-9\-._~%]+)*$/;

/** Refuses anything but a plain compliance path: no dot segments, no query or fragment smuggled in. */
export function assertCompliancePath(path: string): void {
  const segments = path.split("/").slice(1);
  const dotty = segments.some((s) => /^(\.|%2e){1,2}$/i.test(s));
  if (!SAFE_PATH_RE.test(path) || dotty) {
    throw new UpstreamError({
      kind: "bad_request",
      message: "Refused to call the Compliance API with an unsafe path. This is a bug in the dashboard; nothing was sent.",
      path: "(refused)",
    });
  }
}

/** Documented parameters only, undefined/null/empty dropped, in a stable order (the single-flight and cache key). */
export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const k of Object.keys(query).sort()) {
    const v = query[k];
    if (v === undefined || v === null || v === "") continue;
    params.append(k, String(v));
  }
  return params.toString();
}

export function requestKey(path: string, query: Query): string {
  const qs = queryString(query);
  return qs ? `${path}?${qs}` : path;
}

type Attempt =
  | { kind: "answer"; status: number; headers: Headers; text: string }
  | { kind: "timeout" }
  | { kind: "network"; code?: string }
  | { kind: "cancelled" };

function errorCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = err?.cause?.code ?? err?.code;
  return typeof code === "string" ? code : undefined;
}

const cancelled = (path: string, cause?: unknown) =>
  new UpstreamError({ kind: "cancelled", message: "The request was cancelled before the Compliance API answered.", path, cause });

export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const host = (() => {
    try {
      return new URL(baseUrl).host;
    } catch {
      return baseUrl;
    }
  })();
  const limiter = options.limiter;
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...options.retry,
    ...(options.maxRetries !== undefined ? { maxAttempts: options.maxRetries + 1 } : {}),
  };
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const flights = options.singleFlight === false ? undefined : (options.singleFlight ?? createSingleFlight());
  const headers = {
    "x-api-key": options.accessKey,
    "anthropic-version": ANTHROPIC_VERSION,
    accept: "application/json",
    "user-agent": options.userAgent ?? DEFAULT_USER_AGENT,
  };
  const emit = (e: UpstreamEvent) => {
    try {
      options.onEvent?.(e);
    } catch {
      // An observer must not break a request.
    }
  };

  async function attemptOnce(url: string, signal: AbortSignal | undefined): Promise<Attempt> {
    // Everyone who wanted this left while it queued: send nothing.
    if (signal?.aborted) return { kind: "cancelled" };
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      // redirect "manual": a redirect elsewhere would carry x-api-key along (fetch only strips Authorization).
      const res = await fetch(url, { headers, signal: combined, redirect: "manual", cache: "no-store" });
      const text = await res.text();
      return { kind: "answer", status: res.status, headers: res.headers, text };
    } catch (e) {
      if (signal?.aborted) return { kind: "cancelled" };
      if (timeout.aborted) return { kind: "timeout" };
      return { kind: "network", code: errorCode(e) };
    }
  }

  function readBudget(h: Headers): void {
    const pause = earlyPauseMs(parseBudgetHeaders(h));
    if (pause > 0) limiter.pauseUntil(Date.now() + pause);
  }

  /** One request with its retries; resolves to the parsed JSON body. */
  async function fetchWithRetries(path: string, url: string, priority: Priority, signal?: AbortSignal, onSent?: () => void): Promise<RawAnswer> {
    const started = Date.now();
    const failures: Record<Exclude<RetryClass, "none">, number> = { transient: 0, server: 0, rate_limit: 0 };
    const limits: Record<Exclude<RetryClass, "none">, number> = {
      transient: policy.maxAttempts,
      server: policy.maxServerErrorAttempts,
      rate_limit: policy.maxRateLimitAttempts,
    };
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw cancelled(path, signal.reason);
      let outcome: Attempt;
      try {
        outcome = await limiter.schedule(priority, () => {
          if (!signal?.aborted) onSent?.();
          return attemptOnce(url, signal);
        });
      } catch (e) {
        if (signal?.aborted) throw cancelled(path, signal.reason);
        throw new UpstreamError({
          kind: "server",
          message: "The dashboard's request throttle is not available, so nothing was sent to the Compliance API. Try again shortly.",
          path,
          cause: e,
        });
      }
      if (outcome.kind === "cancelled") throw cancelled(path, signal?.reason);

      let error: UpstreamError;
      let retry: RetryClass;
      let retryAfterMs: number | undefined;
      let status: number | undefined;
      let reason: UpstreamEvent["reason"];

      if (outcome.kind === "answer") {
        status = outcome.status;
        readBudget(outcome.headers);
        // The boundary: every upstream string we keep (request id, header values, messages) is scrubbed here.
        const requestId = scrubbedRequestId(outcome.headers, options.accessKey);
        if (status >= 200 && status < 300) {
          const parsed = parseJsonBody(outcome, path, requestId, options.accessKey);
          if (parsed.ok) return { body: parsed.body, requestId, fetchedAt: Date.now() };
          throw parsed.error;
        } else {
          const classified = classifyErrorAnswer(
            { status, headers: outcome.headers, bodyText: outcome.text, path, requestId },
            attempt,
            options.accessKey,
          );
          error = classified.error;
          retry = classified.retry;
          reason = retry;
          retryAfterMs = parseRetryAfter(outcome.headers.get("retry-after"));
        }
      } else if (outcome.kind === "timeout") {
        error = new UpstreamError({
          kind: "timeout",
          message: `The Compliance API did not answer within ${Math.round(options.timeoutMs / 100) / 10} s${attempt > 1 ? ` (tried ${attempt} times)` : ""}. It may be slow or overloaded; try again in a few minutes.`,
          path,
        });
        retry = "transient";
        reason = "timeout";
      } else {
        const what = outcome.code === "ECONNREFUSED" ? "the connection was refused" : outcome.code === "ECONNRESET" ? "the connection was reset" : "the connection failed";
        error = new UpstreamError({
          kind: "network",
          message: `Could not reach the Compliance API at ${host}: ${what}${attempt > 1 ? ` (tried ${attempt} times)` : ""}. Try again in a few minutes; if it persists, tell the dashboard's operator.`,
          path,
        });
        retry = "transient";
        reason = "network";
      }

      if (retry === "none") throw error;
      failures[retry]++;
      if (failures[retry] >= limits[retry]) {
        emit({ type: "give_up", path, attempt, status, reason });
        if (reason === "network") console.error(`[upstream] ${error.message} Operator: check the network and COMPLIANCE_API_BASE_URL.`);
        throw error;
      }
      const delayMs =
        retry === "rate_limit"
          ? (retryAfterMs ?? rateLimitDelayMs(policy, failures.rate_limit))
          : Math.max(retryAfterMs ?? 0, transientDelayMs(policy, failures[retry], random));
      if (Date.now() - started + delayMs > policy.maxTotalMs) {
        emit({ type: "give_up", path, attempt, status, reason });
        if (reason === "network") console.error(`[upstream] ${error.message} Operator: check the network and COMPLIANCE_API_BASE_URL.`);
        throw error;
      }
      // A 429 means the shared budget is spent: hold every request back, not only this one.
      if (retry === "rate_limit") limiter.pauseUntil(Date.now() + delayMs);
      emit({ type: "retry", path, attempt, status, reason, delayMs });
      try {
        await sleep(delayMs, signal);
      } catch (e) {
        throw cancelled(path, e);
      }
    }
  }

  async function get<S extends z.ZodType>(
    path: string,
    query: Query,
    schema: S,
    opts: GetOptions = {},
  ): Promise<UpstreamAnswer<z.output<S>>> {
    assertCompliancePath(path);
    const key = requestKey(path, query);
    const url = `${baseUrl}${key}`;
    const priority = opts.priority ?? "interactive";

    let raw: RawAnswer | undefined;
    let fromCache = false;
    if (options.cache && !opts.fresh) {
      raw = await options.cache.get(key, path).catch(() => undefined);
      fromCache = raw !== undefined;
    }
    // Refused here, a request costs the upstream nothing; admitted, it holds its share until answered.
    const release = raw ? undefined : opts.admit?.(key);
    if (!raw) {
      const load = async (signal?: AbortSignal): Promise<RawAnswer> => {
        // The flight's leader looks once more: another instance may have stored the answer and
        // let go of the shared flight between our first look and this one.
        if (options.cache && !opts.fresh) {
          const stored = await options.cache.get(key, path).catch(() => undefined);
          if (stored) return { ...stored, fromCache: true };
        }
        const answer = await fetchWithRetries(path, url, priority, signal, opts.onSent);
        await options.cache?.set(key, path, answer, opts.keep === false ? { refreshOnly: true } : undefined).catch(() => {});
        return answer;
      };
      try {
        raw = flights ? await flights.run(key, load, opts.signal) : await load(opts.signal);
        fromCache = raw.fromCache === true;
      } catch (e) {
        if (isUpstreamError(e)) throw e;
        // The caller's own signal fired while it waited on a shared flight.
        throw cancelled(path, e);
      } finally {
        release?.();
      }
    }

    const parsed = schema.safeParse(raw.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join(".")}: ${issue.message})` : issue ? ` (${issue.message})` : "";
      throw new UpstreamError({
        kind: "malformed",
        message: `The Compliance API answered something unexpected for ${path}${where}. The API may have changed; try again later${raw.requestId ? ", and contact Anthropic support with the request id if it persists" : ""}.`,
        path,
        requestId: raw.requestId,
      });
    }
    return { data: parsed.data, requestId: raw.requestId, fetchedAt: raw.fetchedAt, ...(fromCache ? { fromCache } : {}) };
  }

  return { get, limiter, baseUrl };
}

type ParsedBody = { ok: true; body: unknown } | { ok: false; error: UpstreamError };

function parseJsonBody(answer: { headers: Headers; text: string }, path: string, requestId: string | undefined, accessKey: string): ParsedBody {
  const tail = requestId ? " If it persists, contact Anthropic support with the request id." : "";
  const rawType = answer.headers.get("content-type");
  const contentType = rawType === null ? null : scrubUpstreamText(rawType, accessKey, 100);
  if (contentType && !/json/i.test(contentType)) {
    return {
      ok: false,
      error: new UpstreamError({
        kind: "malformed",
        message: `The Compliance API answered something unexpected for ${path} (${contentType.split(";")[0]} instead of JSON). A proxy may be in the way; try again later.${tail}`,
        path,
        requestId,
      }),
    };
  }
  try {
    return { ok: true, body: JSON.parse(answer.text) };
  } catch {
    // A body cut short in transit fails while reading (undici checks content-length and the
    // chunked framing) and is retried there; a complete body that is not JSON will not improve.
    return {
      ok: false,
      error: new UpstreamError({
        kind: "malformed",
        message: `The Compliance API answered something unexpected for ${path} (a body that is not valid JSON). Try again later.${tail}`,
        path,
        requestId,
      }),
    };
  }
}
