/*
 * Start-up check (CONTRACT.md): a misconfiguration stops the server before it takes a request,
 * with one line saying what to set. Then the connection guard (lib/server/http): bounds on slow
 * clients and the socket-address stamp. Runs once per server process, not during `next build`.
 * The Node-only work lives in its own module so the Edge compilation never sees it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfigurationOrExit } = await import("./instrumentation-node");
    checkConfigurationOrExit();
    // `next build` may load this module too: the database and the schedule belong to a running server.
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      const { startDurableDirectory } = await import("./lib/server/sync/startup");
      await startDurableDirectory();
    }
  }
}
