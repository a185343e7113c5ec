import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Server-only modules are exercised directly by unit tests; the guard is for client bundles.
      "server-only": path.resolve(import.meta.dirname, "lib/tools/testing/server-only-noop.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Integration files each start their own simulator/app; two at a time fits 2 cores.
    maxWorkers: 2,
    // A few integration tests count request starts per second across processes; on a loaded CI
    // machine one retry separates a scheduling hiccup from a real breach (a breach fails twice).
    retry: process.env.CI ? 1 : 0,
  },
});
