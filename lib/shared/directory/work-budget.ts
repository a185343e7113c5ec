/*
 * A time budget for work done on officer input (reading a pasted list, resolving it against the
 * directory). The work is synchronous, so a list that somehow costs too much would hold the whole
 * server; checking a budget as it goes turns that into a clear refusal instead. Isomorphic.
 */

export class WorkBudgetExceeded extends Error {
  readonly limitMs: number;
  constructor(what: string, limitMs: number) {
    super(`${what} took longer than ${Math.round(limitMs / 1000)} seconds and was stopped, so the server stays responsive for everyone. Split the list into smaller lists and try again.`);
    this.name = "WorkBudgetExceeded";
    this.limitMs = limitMs;
  }
}

export interface WorkBudget {
  /** Counts `units` of work; throws WorkBudgetExceeded once the time is up (the clock is read every `every` units). */
  spend(units?: number): void;
}

export const UNLIMITED: WorkBudget = { spend() {} };

/** Resolution of one request: generous for 50,000 entries, far short of freezing the server. */
export const RESOLUTION_BUDGET_MS = 10_000;

export function timeBudget(what: string, limitMs: number, opts: { now?: () => number; every?: number } = {}): WorkBudget {
  const now = opts.now ?? Date.now;
  const every = opts.every ?? 1_000;
  const deadline = now() + limitMs;
  let pending = 0;
  return {
    spend(units = 1) {
      pending += units;
      if (pending < every) return;
      pending = 0;
      if (now() > deadline) throw new WorkBudgetExceeded(what, limitMs);
    },
  };
}
