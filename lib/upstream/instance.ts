import "server-only";
import { config } from "@/lib/config";
import { createLimiter } from "@/lib/throttle/create-limiter";
import { createUpstreamClient, type UpstreamClient } from "./client";

/*
 * The process-wide upstream client and its limiter, built from configuration on first use. Kept
 * on globalThis: in development, hot reload re-evaluates modules, and a second limiter would
 * double the request rate.
 */

const SLOT = Symbol.for("compliance-directory.upstream");
type Holder = { [SLOT]?: UpstreamClient };

export function upstream(): UpstreamClient {
  const g = globalThis as Holder;
  if (!g[SLOT]) {
    const c = config();
    g[SLOT] = createUpstreamClient({
      baseUrl: c.baseUrl,
      accessKey: c.accessKey,
      limiter: createLimiter(),
      timeoutMs: c.requestTimeoutMs,
    });
  }
  return g[SLOT];
}
