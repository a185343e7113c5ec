import "server-only";

/*
 * What the upstream's answers say about the shared budget (API.md: 600/min per parent
 * organization, shared with every SIEM connector). Read on every answer, errors included.
 */

/** `retry-after` as milliseconds from now: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (v === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export interface BudgetHeaders {
  remaining?: number;
  /** Epoch ms when the budget refills, if the answer said. */
  resetAt?: number;
}

/**
 * `anthropic-ratelimit-requests-remaining` / `-reset`. The reset is an RFC 3339 time on the
 * Anthropic API; a bare number is taken as seconds from now (or epoch seconds when it is large).
 */
export function parseBudgetHeaders(headers: Headers, now: number = Date.now()): BudgetHeaders {
  const out: BudgetHeaders = {};
  const rem = headers.get("anthropic-ratelimit-requests-remaining");
  if (rem != null && /^\s*\d+\s*$/.test(rem)) out.remaining = Number(rem);
  const reset = headers.get("anthropic-ratelimit-requests-reset")?.trim();
  if (reset) {
    if (/^\d+(\.\d+)?$/.test(reset)) {
      const n = Number(reset);
      out.resetAt = n > 1e9 ? n * 1000 : now + n * 1000;
    } else {
      const at = Date.parse(reset);
      if (!Number.isNaN(at)) out.resetAt = at;
    }
  }
  return out;
}

/** Below this many requests left in the shared budget, spread the rest out until the reset. */
export const LOW_REMAINING = 10;
/** Never hold back longer than this on the headers' word alone (clock skew, odd values). */
export const MAX_EARLY_PAUSE_MS = 60_000;

/**
 * How long to hold every start back after an answer, so the shared budget is not spent before
 * it refills: none while plenty is left; the time to reset spread over what remains when low;
 * until the reset when nothing remains.
 */
export function earlyPauseMs(budget: BudgetHeaders, now: number = Date.now()): number {
  const { remaining, resetAt } = budget;
  if (remaining === undefined || remaining >= LOW_REMAINING) return 0;
  const untilReset = resetAt !== undefined ? Math.min(Math.max(0, resetAt - now), MAX_EARLY_PAUSE_MS) : undefined;
  if (remaining <= 0) return untilReset ?? 1000;
  if (untilReset === undefined) return 0;
  return Math.floor(untilReset / (remaining + 1));
}
