/*
 * Switchable faults, so tests can make the simulator misbehave the ways a real upstream (or the
 * network in front of it) does. Rules are checked in order against each API request's path;
 * every rule counts the requests its path matches, lets the first `skip` of them through, then
 * applies to the next `times` of them (all, when `times` is absent). A request gets the first
 * rule that applies to it.
 */

export const FAULT_KINDS = [
  "status",
  "latency",
  "hang",
  "reset",
  "malformed",
  "truncate",
  "content-type",
  "empty-page",
  "repeat-token",
  "duplicate",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  /** A regular expression tested against the request path (no query string). Absent: every API path. */
  path?: string;
  skip?: number;
  times?: number;
  kind: FaultKind;
  /** For "status": the HTTP status to answer (e.g. 429, 500, 503, 529). */
  status?: number;
  /** For "status": `error.type` of the body (default from the status: 429 rate_limit_error, 529 overloaded_error, ...). */
  errorType?: string;
  message?: string;
  /** Sets the `retry-after` header, verbatim (seconds or an HTTP date). */
  retryAfter?: string;
  /** Extra response headers, e.g. `{ "x-should-retry": "false" }`. */
  headers?: Record<string, string>;
  /** Delay before answering. Required for "latency"; allowed on any kind except "hang". */
  latencyMs?: number;
  /**
   * Echo the `x-api-key` the request carried: appended to the answer's `request-id` header (any kind
   * that answers), and to the message of a "status" answer. A careless upstream that quotes secrets.
   */
  echoKey?: boolean;
}

export interface FaultRuleState extends FaultRule {
  /** Matching requests seen so far. */
  seen: number;
  /** Requests this rule was applied to. */
  applied: number;
}

export class FaultRuleError extends Error {}

const isCount = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 0);

/** Checks rules sent to the control endpoint; throws FaultRuleError naming the first problem. */
export function parseFaultRules(input: unknown): FaultRule[] {
  if (!Array.isArray(input)) throw new FaultRuleError("rules must be an array");
  return input.map((raw, i) => {
    const where = `rules[${i}]`;
    if (typeof raw !== "object" || raw === null) throw new FaultRuleError(`${where} must be an object`);
    const r = raw as Record<string, unknown>;
    if (!FAULT_KINDS.includes(r.kind as FaultKind)) throw new FaultRuleError(`${where}.kind must be one of ${FAULT_KINDS.join(", ")}`);
    if (r.path !== undefined) {
      if (typeof r.path !== "string") throw new FaultRuleError(`${where}.path must be a string (a regular expression)`);
      try {
        new RegExp(r.path);
      } catch {
        throw new FaultRuleError(`${where}.path is not a valid regular expression`);
      }
    }
    if (!isCount(r.skip)) throw new FaultRuleError(`${where}.skip must be a whole number >= 0`);
    if (!isCount(r.times)) throw new FaultRuleError(`${where}.times must be a whole number >= 0`);
    if (r.kind === "status" && !(Number.isInteger(r.status) && (r.status as number) >= 100 && (r.status as number) <= 599)) {
      throw new FaultRuleError(`${where}.status must be an HTTP status (100-599) for kind "status"`);
    }
    if (r.latencyMs !== undefined && !(typeof r.latencyMs === "number" && r.latencyMs >= 0 && Number.isFinite(r.latencyMs))) {
      throw new FaultRuleError(`${where}.latencyMs must be a number >= 0`);
    }
    if (r.kind === "latency" && r.latencyMs === undefined) throw new FaultRuleError(`${where}.latencyMs is required for kind "latency"`);
    for (const f of ["errorType", "message", "retryAfter"] as const) {
      if (r[f] !== undefined && typeof r[f] !== "string") throw new FaultRuleError(`${where}.${f} must be a string`);
    }
    if (r.echoKey !== undefined && typeof r.echoKey !== "boolean") throw new FaultRuleError(`${where}.echoKey must be true or false`);
    if (r.headers !== undefined) {
      const h = r.headers;
      if (typeof h !== "object" || h === null || Array.isArray(h) || Object.values(h).some((v) => typeof v !== "string")) {
        throw new FaultRuleError(`${where}.headers must be an object of strings`);
      }
    }
    return r as unknown as FaultRule;
  });
}

export class FaultBook {
  private rules: Array<{ rule: FaultRuleState; re: RegExp | undefined }> = [];

  set(rules: FaultRule[]) {
    this.rules = parseFaultRules(rules).map((r) => ({
      rule: { ...r, seen: 0, applied: 0 },
      re: r.path === undefined ? undefined : new RegExp(r.path),
    }));
  }

  clear() {
    this.rules = [];
  }

  list(): FaultRuleState[] {
    return this.rules.map((r) => ({ ...r.rule }));
  }

  /** The rule for this request, if any; counts the request against every rule whose path matches. */
  take(path: string): FaultRule | undefined {
    let chosen: FaultRule | undefined;
    for (const { rule, re } of this.rules) {
      if (re && !re.test(path)) continue;
      const position = rule.seen++;
      if (position < (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && rule.applied >= rule.times) continue;
      if (chosen) continue;
      rule.applied++;
      chosen = rule;
    }
    return chosen;
  }
}

/** `error.type` a status usually carries upstream (API.md error table). */
const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  529: "overloaded_error",
};

export function errorTypeFor(status: number): string {
  return ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
}

const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  429: "Rate limited. Please try again later.",
  529: "Overloaded",
  503: "Service unavailable",
  502: "Bad gateway",
  504: "Gateway timeout",
};

export function defaultMessageFor(status: number): string {
  return DEFAULT_MESSAGES[status] ?? (status >= 500 ? "Internal server error" : "Injected fault");
}
