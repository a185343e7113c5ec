import { MeasurementError } from "./stats";

/*
 * A sync through the app, as an officer's "Sync now" starts one: POST /api/syncs, then
 * GET /api/syncs/{id} until it is no longer running. Anything but a complete sync is a failed
 * measurement.
 */

export interface SyncJson {
  id: string;
  status: "running" | "complete" | "failed" | "cancelled";
  started_at: string;
  finished_at: string | null;
  counts: Record<string, number> | null;
  upstream_calls: number;
  sha256: string | null;
  error: { type: string; message: string } | null;
}

export async function runAppSync(appUrl: string, cookie: string, opts: { timeoutMs: number; onPoll?: (s: SyncJson) => void }): Promise<{ sync: SyncJson; wallMs: number; startedAtEpochMs: number }> {
  // Wall clock too: the simulator stamps its log with Date.now(), so the sync's phases can be placed against it.
  const startedAtEpochMs = Date.now();
  const t0 = performance.now();
  const res = await fetch(`${appUrl}/api/syncs`, {
    method: "POST",
    headers: { cookie, origin: appUrl, "content-type": "application/json" },
    body: "{}",
  });
  if (res.status !== 202) throw new MeasurementError(`POST /api/syncs answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  let sync = ((await res.json()) as { sync: SyncJson }).sync;
  while (sync.status === "running") {
    if (performance.now() - t0 > opts.timeoutMs) throw new MeasurementError(`sync ${sync.id} still running after ${Math.round(opts.timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 250));
    const poll = await fetch(`${appUrl}/api/syncs/${encodeURIComponent(sync.id)}`, { headers: { cookie } }).catch((err: unknown) => {
      // "fetch failed" alone says nothing: name the cause (ECONNRESET, ECONNREFUSED: the app gone) and where the sync was.
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new MeasurementError(`GET /api/syncs/${sync.id} failed (${cause?.code ?? cause?.message ?? String(err)}) after ${sync.upstream_calls} upstream calls`);
    });
    if (poll.status !== 200) throw new MeasurementError(`GET /api/syncs/${sync.id} answered ${poll.status}`);
    sync = ((await poll.json()) as { sync: SyncJson }).sync;
    opts.onPoll?.(sync);
  }
  const wallMs = performance.now() - t0;
  if (sync.status !== "complete") throw new MeasurementError(`sync ${sync.id} ended ${sync.status}: ${sync.error?.type ?? ""} ${sync.error?.message ?? ""}`);
  return { sync, wallMs, startedAtEpochMs };
}
