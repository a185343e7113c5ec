import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./ports";

/*
 * Starts the built app (`next start`) as a child process for integration tests, the way an
 * officer's browser meets it: real HTTP, real cookies, real route handlers.
 */

const ROOT = path.resolve(__dirname, "../../..");

export interface AppServer {
  url: string;
  port: number;
  /** Everything the server printed so far (stdout and stderr), for secret-leak checks. */
  output(): string;
  /** SIGKILL: the process dies on the spot, as a crash or an OOM kill does; resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM, as a deploy stops it; resolves with the exit code once it is gone (SIGKILL after 15 s). */
  close(): Promise<number | null>;
}

export function buildDir(): string {
  return process.env.NEXT_DIST_DIR || ".next";
}

export function assertBuilt(): void {
  if (!existsSync(path.join(ROOT, buildDir(), "BUILD_ID"))) {
    throw new Error(`No production build in ${buildDir()}/: run \`npx next build\` (npm test does it first).`);
  }
}

/**
 * What every test app gets unless the test says otherwise: its own embedded database (two apps on
 * one DATA_DIR would be refused), and no scheduled sync, so a test's upstream calls are its own.
 */
function testAppEnv(env: Record<string, string | undefined>): { env: Record<string, string | undefined>; own?: string } {
  const own = "DATA_DIR" in env ? undefined : mkdtempSync(path.join(tmpdir(), "app-data-"));
  return { env: { COMPLIANCE_SYNC_INTERVAL_MINUTES: "0", ...(own ? { DATA_DIR: own } : {}), ...env }, own };
}

interface NextProcess {
  child: ChildProcess;
  port: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code once it has exited (and the DATA_DIR made for it is removed). */
  exited: Promise<number | null>;
}

/**
 * `next start` on a free loopback port with the test defaults under `env`. The DATA_DIR made here
 * is removed once the process exits (a test's own DATA_DIR is its to keep): each run of the suites
 * used to leave a hundred of them behind, a few hundred megabytes.
 */
async function spawnNextStart(env: Record<string, string | undefined>): Promise<NextProcess> {
  assertBuilt();
  const made = testAppEnv(env);
  const port = await freePort();
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: process.env.NEXT_DIST_DIR, ...made.env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      if (made.own) rmSync(made.own, { recursive: true, force: true });
      resolve(code);
    }),
  );
  return { child, port, output: () => out, exited };
}

export async function startApp(env: Record<string, string | undefined>): Promise<AppServer> {
  const { child, port, output, exited } = await spawnNextStart(env);
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`next start did not answer /api/health within 60 s:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  return {
    url,
    port,
    output,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
    close: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      // The app's own stop waits up to 8 s for a completed sync's housekeeping (SHUTDOWN_GRACE_MS).
      const t = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const code = await exited;
      clearTimeout(t);
      return code;
    },
  };
}

/** Runs `next start` expecting it to refuse to start; resolves with its exit code and output. */
export async function startAppExpectingFailure(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const { child, output, exited } = await spawnNextStart(env);
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await exited;
  clearTimeout(timer);
  return { code, output: output() };
}

/** Logs in through the real route and returns the session cookie for later requests. */
export async function login(appUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${appUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: appUrl },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 204) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (cookies.length === 0) throw new Error("login answered 204 without a cookie");
  return cookies.join("; ");
}
