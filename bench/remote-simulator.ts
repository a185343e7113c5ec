import path from "node:path";
import { buildDirectory, type Directory } from "@/lib/tools/simulator/directory";
import type { LogEntry, SimulatorOptions } from "@/lib/tools/simulator/server";
import { spawnSimulator } from "@/lib/tools/testing/simulator-process";

/*
 * A simulator running in its own process (simulator-process.ts), driven over its HTTP control
 * endpoints. Its directory is a pure function of the options, so the bench builds the same one
 * here to compute expectations (minimum calls, row counts) without asking the server.
 */

export interface RemoteSimulator {
  url: string;
  pid: number;
  directory: Directory;
  log(): Promise<LogEntry[]>;
  clearLog(): Promise<void>;
  close(): Promise<void>;
}

export async function startRemoteSimulator(opts: SimulatorOptions): Promise<RemoteSimulator> {
  const { child, url, exited } = await spawnSimulator(path.join(__dirname, "simulator-process.ts"), opts, { cwd: path.resolve(__dirname, ".."), stdin: "ignore" });
  const directory = buildDirectory(opts);
  const control = async (method: string, p: string) => {
    const res = await fetch(`${url}${p}`, { method });
    if (!res.ok) throw new Error(`simulator ${method} ${p}: ${res.status}`);
    return res;
  };
  return {
    url,
    pid: child.pid!,
    directory,
    log: async () => ((await (await control("GET", "/__simulator/log")).json()) as { entries: LogEntry[] }).entries,
    clearLog: async () => void (await control("DELETE", "/__simulator/log")),
    close: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(t);
    },
  };
}
