import { spawn, type ChildProcess } from "node:child_process";
import type { SimulatorOptions } from "@/lib/tools/simulator/server";

/*
 * A simulator in its own node process: the script (bench's or the hardening suite's) starts a
 * server with the options it is given and prints `ready <url>`. Kept out of the test runner's
 * process so the simulator's CPU does not slow the code being measured.
 */

export interface SimulatorChild {
  child: ChildProcess;
  url: string;
  /** Settles when the process has exited. */
  exited: Promise<void>;
}

/** Starts `script` with the options and waits for its `ready <url>` line; rejects with its stderr if it exits first. */
export async function spawnSimulator(script: string, opts: SimulatorOptions, { cwd, stdin }: { cwd: string; stdin: "pipe" | "ignore" }): Promise<SimulatorChild> {
  const child = spawn(process.execPath, ["--import", "tsx", script, JSON.stringify(opts)], { cwd, stdio: [stdin, "pipe", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /^ready (\S+)$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the simulator process exited (${code}): ${err}`)));
  });
  return { child, url, exited };
}
