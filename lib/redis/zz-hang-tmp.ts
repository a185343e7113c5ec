import { startRedisServer } from "@/lib/testing/redis-server";
import { createRedisLimiter } from "@/lib/throttle/redis-limiter";
(async () => {
  const redis = await startRedisServer();
  const t0 = Date.now();
  const l = createRedisLimiter({ redisUrl: redis.url, rps: 4, id: "hang", log: (s) => console.log("LOG", Date.now() - t0, s), probeDelayMs: 200 });
  await l.ready();
  const pid = (redis as any);
  let n = 0;
  const jobs = Array.from({ length: 8 }, (_, i) => l.schedule("bulk", async () => {
    console.log("start", i, Date.now() - t0, l.stats().mode);
    if (++n === 2) { const { execSync } = await import("node:child_process"); execSync(`pkill -STOP -f "redis-server.*${redis.port}"`); console.log("SIGSTOP sent"); }
  }));
  await Promise.all(jobs);
  console.log("all done", Date.now() - t0, l.stats());
  const { execSync } = await import("node:child_process"); execSync(`pkill -CONT -f "redis-server.*${redis.port}"`);
  for (let i = 0; i < 40 && l.stats().mode !== "redis"; i++) await new Promise((r) => setTimeout(r, 250));
  console.log("after CONT", Date.now() - t0, l.stats().mode);
  await l.stop(); await redis.close();
})();
