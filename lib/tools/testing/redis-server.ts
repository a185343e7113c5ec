import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./ports";

/*
 * A throwaway redis-server for tests: loopback only, a free port, nothing written to disk
 * (`--save "" --appendonly no`), so a kill really loses every key, as a restart without
 * persistence does in production. `.ci/run` installs Debian's redis-server (7.x).
 */

export const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN || "/usr/bin/redis-server";

/** Why Redis tests cannot run here, or undefined when they can. */
export function redisServerMissing(): string | undefined {
  if (existsSync(REDIS_SERVER_BIN)) return undefined;
  return `redis-server not found at ${REDIS_SERVER_BIN}: install it with \`apt-get install -y redis-server\` (.ci/run does), or point REDIS_SERVER_BIN at one`;
}

export interface RedisServer {
  url: string;
  port: number;
  /** What the server printed, for failure messages. */
  output(): string;
  /** SIGKILL: the server vanishes mid-conversation, as a crashed or partitioned Redis does. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that hangs without closing its sockets. */
  freeze(): void;
  thaw(): void;
  /** A fresh, empty server on the same port (after kill). */
  restart(): Promise<void>;
  /** Stops the server and removes its working folder. */
  close(): Promise<void>;
}

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
}

async function launch(port: number, dir: string, log: { text: string }, password?: string): Promise<Running> {
  const child = spawn(
    REDIS_SERVER_BIN,
    [
      "--port", String(port),
      "--bind", "127.0.0.1",
      "--save", "",
      "--appendonly", "no",
      "--dir", dir,
      "--daemonize", "no",
      "--protected-mode", "yes",
      "--loglevel", "warning",
      ...(password ? ["--requirepass", password] : []),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const onData = (d: Buffer) => {
    log.text = (log.text + d.toString()).slice(-8_000);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);

  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server exited at start (port ${port}):\n${log.text}`);
    }
    if (await answersPing(port)) return { child, exited };
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`redis-server did not answer PING on port ${port} within 10 s:\n${log.text}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A raw RESP PING, so the helper needs no client library. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    // With --requirepass an unauthenticated PING is refused, which still proves the server is up.
    socket.once("data", (d) => done(/^(\+PONG|-NOAUTH)/.test(d.toString())));
  });
}

async function stopProcess(running: Running | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!running) return;
  if (running.child.exitCode === null && running.child.signalCode === null) {
    running.child.kill("SIGCONT"); // a frozen server cannot act on SIGTERM
    running.child.kill(signal);
  }
  await running.exited;
}

export async function startRedisServer(opts: { password?: string } = {}): Promise<RedisServer> {
  const missing = redisServerMissing();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(path.join(tmpdir(), "redis-test-"));
  const log = { text: "" };

  let port = 0;
  let running: Running | undefined;
  // The free port can be taken between probing and binding; try a few.
  for (let attempt = 0; !running; attempt++) {
    port = await freePort();
    try {
      running = await launch(port, dir, log, opts.password);
    } catch (err) {
      if (attempt >= 2) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }

  return {
    url: opts.password ? `redis://:${encodeURIComponent(opts.password)}@127.0.0.1:${port}` : `redis://127.0.0.1:${port}`,
    port,
    output: () => log.text,
    kill: () => stopProcess(running, "SIGKILL"),
    freeze: () => void running?.child.kill("SIGSTOP"),
    thaw: () => void running?.child.kill("SIGCONT"),
    restart: async () => {
      await stopProcess(running, "SIGKILL");
      running = await launch(port, dir, log, opts.password);
    },
    close: async () => {
      await stopProcess(running, "SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
