/*
 * The simulator in a process of its own, for suites that judge request timing: in the test's own
 * process, a test busy parsing a large answer would hold back the simulator's clock and bunch
 * up the arrival times it logs. Started by stack.ts with the options as JSON; prints "ready <url>".
 */
import { startSimulator, type SimulatorOptions } from "@/lib/tools/simulator/server";

const opts = JSON.parse(process.argv[2] ?? "{}") as SimulatorOptions;

startSimulator({ ...opts, port: 0, host: "127.0.0.1", arrivalClock: true }).then(
  (sim) => {
    process.stdout.write(`ready ${sim.url}\n`);
    const stop = () => void sim.close().finally(() => process.exit(0));
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    // The suite that started this is gone: do not outlive it.
    process.on("disconnect", stop);
    process.stdin.on("end", stop);
    process.stdin.resume();
  },
  (e: unknown) => {
    process.stderr.write(`simulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
