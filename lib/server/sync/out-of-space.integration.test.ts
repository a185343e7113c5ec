import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type SimulatorHandle } from "@/lib/tools/simulator/server";
import { openDatabase } from "@/lib/server/store/database";
import type { AppServer } from "@/lib/tools/testing/app-server";
import { EXPORTER, apiCalls, officer, people, requestSync, startAppWith, summary, syncEnded, syncs, type Officer } from "@/lib/tools/testing/durable-rig";

/*
 * The embedded database out of disk space: DATA_DIR on a small tmpfs, filled to the last byte while
 * the app runs. A sync that cannot be staged ends failed with a message that says the disk is full;
 * a login whose audit entry cannot be written is refused with a 503; nothing half-written is left;
 * reads go on; and once space is freed the same process syncs and logs in again.
 * Mounting needs root: elsewhere the suite is skipped, saying why.
 */

function mountTmpfs(): { dir: string; skip?: undefined } | { dir?: undefined; skip: string } {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return { skip: "not root, so no tmpfs can be mounted for DATA_DIR" };
  const dir = mkdtempSync(path.join(tmpdir(), "out-of-space-"));
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", "size=160m", "tmpfs", dir], { encoding: "utf8" });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `mount -t tmpfs failed (${(r.stderr || r.error?.message || `exit ${r.status}`).trim()})` };
  }
  return { dir };
}

const mounted = mountTmpfs();
if (mounted.skip) console.warn(`Skipping the out-of-space suite: ${mounted.skip}`);
const filler = mounted.dir ? path.join(mounted.dir, "filler") : "";

/** Writes `filler` until the file system refuses a byte more. */
function fillDisk(): number {
  const fd = openSync(filler, "w");
  let bytes = 0;
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size, 7);
      try {
        for (;;) bytes += writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
      }
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

async function tryLogin(app: AppServer): Promise<Response> {
  return fetch(`${app.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.url },
    body: JSON.stringify({ username: EXPORTER.username, password: EXPORTER.password }),
  });
}

let sim: SimulatorHandle;
let app: AppServer | undefined;
let o: Officer;

beforeAll(async () => {
  if (mounted.skip) return;
  sim = await startSimulator({ port: 0, seed: "out-of-space", orgUserCounts: [200, 60], groups: 4, ratePerMinute: 60_000 });
  app = await startAppWith(sim, { DATA_DIR: mounted.dir! });
  o = await officer(app);
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
  if (mounted.dir) {
    spawnSync("umount", [mounted.dir]);
    rmSync(mounted.dir, { recursive: true, force: true });
  }
});

describe.skipIf(!!mounted.skip)("the embedded database out of disk space", () => {
  it("refuses writes clearly, half-writes nothing, serves what it has, and recovers when space is freed", async () => {
    const first = await syncEnded(o, (await requestSync(o)).id);
    expect(first.status).toBe("complete");
    const servedBefore = await summary(o);
    const peopleBefore = await people(o);

    expect(fillDisk()).toBeGreaterThan(0);
    // A changed directory: the next sync has new versions to write, not only rows to compare.
    expect(sim.churn(0.3, 1).length).toBeGreaterThan(0);

    // The sync cannot be staged: refused at once, or ended failed, either way saying why.
    sim.clearLog();
    const asked = await o.post("/api/syncs", {});
    let failure: { type: string; message: string };
    if (asked.status === 503) {
      failure = ((await asked.json()) as { error: typeof failure }).error;
      expect(asked.headers.get("retry-after")).toBeTruthy();
    } else {
      expect(asked.status, await asked.clone().text()).toBe(202);
      const ended = await syncEnded(o, ((await asked.json()) as { sync: { id: string } }).sync.id);
      expect(ended).toMatchObject({ status: "failed", counts: null, sha256: null });
      failure = ended.error!;
    }
    expect(failure.type).toBe("store_unavailable");
    expect(failure.message).toMatch(/out of disk space/);
    expect(failure.message).not.toMatch(/base\/|\/tmp|could not extend/);

    // Logins are audited first: once the log's pages are full, a login is refused, with a 503.
    let refused: Response | undefined;
    for (let i = 0; i < 400 && !refused; i++) {
      const res = await tryLogin(app!);
      if (res.status === 503) refused = res;
      else expect(res.status, await res.text()).toBe(204);
    }
    expect(refused, "some login's audit entry should not fit on a full disk").toBeDefined();
    const refusal = ((await refused!.json()) as { error: { type: string; message: string } }).error;
    expect(["audit_unavailable", "store_unavailable"]).toContain(refusal.type);
    expect(refusal.message).toMatch(/unavailable/);
    expect(refused!.headers.get("set-cookie")).toBeNull();

    // Reads go on: the complete sync before stays current and served.
    expect((await syncs(o)).find((s) => s.status === "complete")!.id).toBe(first.id);
    expect(await summary(o)).toEqual(servedBefore);
    expect(await people(o)).toEqual(peopleBefore);

    // Space is back: the same process logs in, syncs the changed directory, and its audit chain is intact.
    unlinkSync(filler);
    const again = await officer(app!);
    sim.clearLog();
    const next = await syncEnded(again, (await requestSync(again)).id);
    expect(next.status).toBe("complete");
    expect(next.sha256).not.toBe(first.sha256);
    expect(next.upstream_calls).toBe(apiCalls(sim).length);
    const verify = await again.get("/api/audit/verify");
    expect(verify.status).toBe(200);
    expect(((await verify.json()) as { ok: boolean }).ok).toBe(true);

    // Nothing half-written: no staged rows, nothing running, the failed sync holds no versions.
    await app!.close();
    app = undefined;
    const database = await openDatabase({ dataDir: mounted.dir! });
    try {
      expect((await database.query<{ n: string | number }>("select count(*) as n from sync_staging"))[0]!.n).toEqual(0);
      expect(await database.query("select id from syncs where status = 'running'")).toEqual([]);
      const complete = await database.query<{ seq: string }>("select seq from syncs where status = 'complete' order by seq");
      expect(complete).toHaveLength(2);
      const stray = await database.query("select 1 from directory_facts where from_seq not in (select seq from syncs where status = 'complete') limit 1");
      expect(stray).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
