import "server-only";
import { jsonError } from "@/lib/server/http/error-response";

/*
 * Routes that take no (or few) query parameters refuse the rest, as the proxy does (CONTRACT.md):
 * a parameter the route would ignore is a caller's mistake (`?fresh=1` that refreshes nothing),
 * and the directory routes would otherwise start a whole-directory walk for it.
 */
export function refuseUnexpectedQuery(request: Request, allowed: readonly string[] = []): Response | undefined {
  const params = new URL(request.url).searchParams;
  for (const key of new Set(params.keys())) {
    if (!allowed.includes(key)) {
      const takes = allowed.length ? `only ${allowed.join(", ")}` : "no query parameters";
      return jsonError(400, "invalid_request", `Query parameter "${key.replace(/[^\x20-\x7e]/g, "?").slice(0, 40)}" is not accepted here; this route takes ${takes}.`);
    }
    if (params.getAll(key).length > 1) return jsonError(400, "invalid_request", `Query parameter "${key}" was given more than once; give it once.`);
  }
  return undefined;
}
