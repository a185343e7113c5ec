/*
 * The simulator in a process of its own for the benchmark, as the real upstream is remote: its
 * arrival clock (the request log) is not held up by the bench's own work. Options come as JSON in
 * argv[2]; prints "ready <url>" once listening; SIGTERM closes it.
 */
import { startSimulator, type SimulatorOptions } from "@/lib/tools/simulator/server";

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2] ?? "{}") as SimulatorOptions;
  const sim = await startSimulator({ ...opts, port: 0, host: "127.0.0.1", arrivalClock: true });
  process.stdout.write(`ready ${sim.url}\n`);
  const stop = () => void sim.close().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  process.stderr.write(`simulator failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
