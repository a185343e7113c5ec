import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildDir, login, startApp, type AppServer } from "@/lib/tools/testing/app-server";
import type { RemoteSimulator } from "./remote-simulator";

/*
 * The app under measurement: the production build (`next start`), one or more instances, each
 * with its own DATA_DIR unless one is given (a restart reuses the same), all stopped at the end.
 */

const ROOT = path.resolve(__dirname, "..");
export const OFFICER = { username: "bench", password: "bench-officer-password-0001" };

/**
 * Officer k's account name. Concurrent officers are distinct accounts, as in life: the app shares
 * the upstream budget fairly per officer, so twenty sessions of one account would be one officer
 * asking twenty times (and refused with 429 officer_share_exceeded).
 */
export const officerName = (k: number): string => (k === 0 ? OFFICER.username : `${OFFICER.username}-${k + 1}`);

/** DASHBOARD_USERS for `count` officer accounts, all with OFFICER.password (hashed once), exporters. */
export const dashboardUsers = (count: number, hash: string): string =>
  Array.from({ length: Math.max(1, count) }, (_, k) => `${officerName(k)}:${hash}:exporter`).join(",");

export function ensureBuild(force: boolean, log: (l: string) => void): { dir: string; id: string } {
  const dir = buildDir();
  const idFile = path.join(ROOT, dir, "BUILD_ID");
  if (force || !existsSync(idFile)) {
    log(`Building the app into ${dir}/ (next build)…`);
    const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { cwd: ROOT, stdio: "inherit", env: process.env });
    if (r.status !== 0) throw new Error("next build failed; the benchmark needs a production build");
  }
  return { dir, id: readFileSync(idFile, "utf8").trim() };
}

export class Apps {
  private running: AppServer[] = [];
  /** Every DATA_DIR made for the apps: a large tree's database is close to a gigabyte, so none outlives the run. */
  private dataDirs: string[] = [];
  constructor(private readonly env: Record<string, string>) {}

  /** A fresh DATA_DIR, removed by closeAll (pass it to several starts to restart on the same store). */
  newDataDir(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), "compliance-bench-"));
    this.dataDirs.push(dir);
    return dir;
  }

  async start(sim: RemoteSimulator, extra: Record<string, string> = {}): Promise<{ app: AppServer; cookie: string }> {
    const a = await startApp({ ...this.env, COMPLIANCE_API_BASE_URL: sim.url, ...extra, DATA_DIR: extra.DATA_DIR ?? this.newDataDir() });
    this.running.push(a);
    return { app: a, cookie: await login(a.url, OFFICER.username, OFFICER.password) };
  }

  /** Officers first .. first + n - 1 log in, each with their own account and session cookie. */
  async sessions(a: AppServer, n: number, first = 0): Promise<string[]> {
    const cookies: string[] = [];
    for (let i = 0; i < n; i++) cookies.push(await login(a.url, officerName(first + i), OFFICER.password));
    return cookies;
  }

  async close(a: AppServer): Promise<void> {
    await a.close();
    this.running = this.running.filter((x) => x !== a);
  }

  async closeAll(): Promise<void> {
    for (const a of [...this.running]) await this.close(a).catch(() => {});
    for (const dir of this.dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}
