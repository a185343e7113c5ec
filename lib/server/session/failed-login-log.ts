import "server-only";
import type { ClientFacts } from "../http/request-facts";
import { auditSessionEvent, type SessionAuditEntry } from "./session-audit";
import { usernameKey } from "./login-throttle";

/*
 * Failed logins, coalesced: at most one audit entry per username and client address per minute
 * (issue 10: one client's failures grew the log by 40 lines a second). The first failure of a
 * window is written at once, so an auditor sees an attack as it starts; the window's total is
 * written when it closes (a sweep) or, failing that, at the next failure after it, carrying the
 * count. Windows are per instance and in memory: a total not yet written is lost if the process
 * stops, the first failure never is.
 */

interface Window {
  actor: string;
  client: ClientFacts;
  start: number;
  last: number;
  count: number;
}

export interface FailedLoginLogOptions {
  write?: (entry: SessionAuditEntry) => Promise<void>;
  now?: () => number;
  windowMs?: number;
  /** Open windows held; past it the oldest is closed early. */
  maxKeys?: number;
}

export interface FailedLoginLog {
  failed(username: string, client: ClientFacts, detail?: string): Promise<void>;
  /** Writes every window that has closed (the sweep); `all` closes the open ones too. */
  sweep(all?: boolean): Promise<void>;
  open(): number;
}

const iso = (t: number) => new Date(t).toISOString();

export function createFailedLoginLog(opts: FailedLoginLogOptions = {}): FailedLoginLog {
  const write = opts.write ?? auditSessionEvent;
  const now = opts.now ?? Date.now;
  const windowMs = opts.windowMs ?? 60_000;
  const maxKeys = opts.maxKeys ?? 10_000;
  const windows = new Map<string, Window>();
  let timer: NodeJS.Timeout | undefined;

  const close = (key: string, w: Window): Promise<void> => {
    windows.delete(key);
    if (windows.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
    if (w.count <= 1) return Promise.resolve();
    return write({
      actor: w.actor,
      action: "login_failed",
      target: "session",
      outcome: "failed",
      client: w.client,
      filters: { attempts: w.count, window_start: iso(w.start), window_end: iso(w.last) },
      detail: `wrong username or password ${w.count} times from this address between ${iso(w.start)} and ${iso(w.last)} (the first also has its own entry)`,
    });
  };

  const sweep = async (all = false) => {
    const t = now();
    const due = [...windows].filter(([, w]) => all || t - w.start >= windowMs);
    await Promise.all(due.map(([key, w]) => close(key, w)));
  };

  return {
    async failed(username, client, detail = "wrong username or password") {
      const t = now();
      const key = `${usernameKey(username)}\u0000${client.address}`;
      const w = windows.get(key);
      if (w && t - w.start < windowMs) {
        w.count += 1;
        w.last = t;
        w.client = client;
        return;
      }
      if (w) await close(key, w);
      if (windows.size >= maxKeys) {
        const [oldestKey, oldest] = windows.entries().next().value as [string, Window];
        await close(oldestKey, oldest);
      }
      windows.set(key, { actor: username, client, start: t, last: t, count: 1 });
      if (!timer) {
        timer = setInterval(() => void sweep().catch(() => {}), Math.max(1_000, windowMs / 4));
        timer.unref();
      }
      await write({ actor: username, action: "login_failed", target: "session", outcome: "failed", client, filters: { attempts: 1 }, detail });
    },
    sweep,
    open: () => windows.size,
  };
}

const KEY = Symbol.for("compliance-directory.failed-login-log");
export function failedLoginLog(): FailedLoginLog {
  const g = globalThis as { [KEY]?: FailedLoginLog };
  g[KEY] ??= createFailedLoginLog();
  return g[KEY];
}
