/*
 * Another app instance in its own process, for redis-limiter.test.ts: its own Bottleneck and
 * ioredis connections on the same shared id. Prints "ready", waits for "go" on stdin, runs
 * JOBS bulk jobs, prints their start times as one JSON line and exits.
 * Run with: node --conditions=react-server --import tsx <this file>
 */
import { createInterface } from "node:readline";
import { createRedisLimiter } from "./redis-limiter";

async function main(): Promise<void> {
  const limiter = createRedisLimiter({
    redisUrl: process.env.REDIS_URL!,
    rps: Number(process.env.RPS),
    id: process.env.LIMITER_ID!,
    log: (line) => process.stderr.write(line + "\n"),
  });
  await limiter.ready();
  process.stdout.write(`ready ${limiter.stats().mode}\n`);
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.once("line", () => resolve()));

  const starts: number[] = [];
  const jobs = Array.from({ length: Number(process.env.JOBS) }, () =>
    limiter.schedule("bulk", async () => {
      starts.push(Date.now());
      await new Promise((r) => setTimeout(r, 40));
    }),
  );
  await Promise.all(jobs);
  process.stdout.write(JSON.stringify({ starts, mode: limiter.stats().mode }) + "\n");
  lines.close();
  await limiter.stop();
}

main().catch((err) => {
  process.stderr.write(`second instance failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
