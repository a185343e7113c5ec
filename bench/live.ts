import type { AppServer } from "@/lib/tools/testing/app-server";
import { redisServerMissing, startRedisServer } from "@/lib/tools/testing/redis-server";
import type { Apps } from "./apps";
import { PAGE } from "./minimum-calls";
import type { BenchOptions } from "./options";
import type { RemoteSimulator } from "./remote-simulator";
import type { InstancesResult, OfficersResult } from "./report";
import { apiEntries, count429, maxStartsPerSecond } from "./windows";

/*
 * The live proxy under load (issue 5): N officers walking the same organization's users through
 * `/api/compliance/...` on one instance, then on two instances sharing a redis-server (one walk
 * upstream however many ask), and N officers on N organizations (the shared throttle holds the rate).
 */

const pagesOf = (rows: number) => Math.max(1, Math.ceil(rows / PAGE));

/** How the walks that failed ended, each distinct answer once with its count. */
function failuresOf(walks: Array<{ ok: boolean; error?: string }>): string[] {
  const counts = new Map<string, number>();
  for (const w of walks) if (!w.ok) counts.set(w.error ?? "incomplete", (counts.get(w.error ?? "incomplete") ?? 0) + 1);
  return [...counts].map(([e, k]) => `${k} × ${e}`);
}

/** One officer's browser walking an organization's users through the proxy, page by page. */
async function walkUsersThroughApp(appUrl: string, cookie: string, org: string): Promise<{ rows: number; ok: boolean; error?: string }> {
  let page: string | undefined;
  let rows = 0;
  for (;;) {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (page) q.set("page", page);
    const res = await fetch(`${appUrl}/api/compliance/organizations/${org}/users?${q}`, { headers: { cookie } });
    if (res.status !== 200) return { rows, ok: false, error: `${res.status} ${(await res.text()).slice(0, 160)}` };
    const body = (await res.json()) as { data: unknown[]; has_more?: boolean; next_page?: string | null };
    rows += body.data.length;
    if (!body.has_more || !body.next_page) return { rows, ok: true };
    page = body.next_page;
  }
}

export function orgsBySize(sim: RemoteSimulator): Array<{ uuid: string; users: number }> {
  return sim.directory.organizations.map((o) => ({ uuid: o.uuid, users: sim.directory.userCountOf(o.uuid) })).sort((a, b) => b.users - a.users);
}

async function officersOnOneOrg(appUrls: Array<{ url: string; cookie: string }>, sim: RemoteSimulator, org: { uuid: string; users: number }, officers: number): Promise<OfficersResult> {
  await sim.clearLog();
  const t0 = performance.now();
  const walks = await Promise.all(
    Array.from({ length: officers }, (_, k) => {
      const a = appUrls[k % appUrls.length]!;
      return walkUsersThroughApp(a.url, a.cookie, org.uuid);
    }),
  );
  const wallMs = performance.now() - t0;
  const calls = apiEntries(await sim.log()).filter((e) => e.path.endsWith(`/organizations/${org.uuid}/users`)).length;
  return { officers, org, calls, ideal: pagesOf(org.users), allAnswered: walks.every((w) => w.ok && w.rows === org.users), failures: failuresOf(walks), wallMs };
}

export async function oneInstance(apps: Apps, sim: RemoteSimulator, o: BenchOptions, log: (l: string) => void): Promise<OfficersResult> {
  log(`\n${o.officers} officers open the same organization's users through one app instance`);
  const { app: a } = await apps.start(sim);
  try {
    const org = orgsBySize(sim)[0]!;
    const cookies = await apps.sessions(a, o.officers);
    const result = await officersOnOneOrg(cookies.map((cookie) => ({ url: a.url, cookie })), sim, org, o.officers);
    log(`  ${result.calls} upstream calls (one walk: ${result.ideal}), ${(result.wallMs / 1000).toFixed(1)} s`);
    return result;
  } finally {
    await apps.close(a);
  }
}

export async function twoInstances(apps: Apps, sim: RemoteSimulator, o: BenchOptions, log: (l: string) => void): Promise<InstancesResult> {
  log("\nTwo app instances sharing Redis");
  const missing = redisServerMissing();
  if (missing) throw new Error(missing);
  const redis = await startRedisServer();
  const started: AppServer[] = [];
  try {
    const pair = await Promise.all([0, 1].map(() => apps.start(sim, { REDIS_URL: redis.url })));
    started.push(...pair.map((p) => p.app));
    const half = Math.ceil(o.officers / 2);
    const sessions = await Promise.all(pair.map((p, i) => apps.sessions(p.app, half, i * half)));
    const seats = Array.from({ length: o.officers }, (_, k) => ({ url: pair[k % 2]!.app.url, cookie: sessions[k % 2]![Math.floor(k / 2)]! }));

    const sorted = orgsBySize(sim);
    const sameOrg = await officersOnOneOrg(seats, sim, sorted[0]!, o.officers);
    log(`  same organization: ${sameOrg.calls} upstream calls (one walk: ${sameOrg.ideal})`);

    // Different organizations, none of them cached yet: the throttle has to hold the line.
    const targets = sorted.slice(1, 1 + o.officers);
    await sim.clearLog();
    const t0 = performance.now();
    const walks = await Promise.all(targets.map((org, k) => walkUsersThroughApp(seats[k]!.url, seats[k]!.cookie, org.uuid).then((w) => (w.ok && w.rows !== org.users ? { ...w, ok: false, error: `${w.rows} of ${org.users} rows` } : w))));
    const wallMs = performance.now() - t0;
    const entries = apiEntries(await sim.log());
    const spread = {
      officers: targets.length,
      orgs: targets.length,
      calls: entries.length,
      ideal: targets.reduce((a, t) => a + pagesOf(t.users), 0),
      allAnswered: walks.every((w) => w.ok),
      failures: failuresOf(walks),
      maxStartsPerSecond: maxStartsPerSecond(entries),
      status429: count429(entries),
      wallMs,
    };
    log(`  ${spread.orgs} organizations: ${spread.calls} calls, most starts in any 1 s: ${spread.maxStartsPerSecond} (rate ${o.rps})`);
    return { sameOrg, spread };
  } finally {
    for (const a of started) await apps.close(a);
    await redis.close();
  }
}

