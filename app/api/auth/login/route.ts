import { setTimeout as sleep } from "node:timers/promises";
import { config } from "@/lib/config";
import { jsonError } from "@/lib/http/error-response";
import { loginThrottle } from "@/lib/session/login-throttle";
import { readLoginBody } from "@/lib/session/login-request";
import { authenticateOfficer } from "@/lib/session/officers";
import { clientAddress } from "@/lib/session/request-facts";
import { refuseCrossSiteRequest } from "@/lib/session/same-origin";
import { auditSessionEvent } from "@/lib/session/session-audit";
import { startSession } from "@/lib/session/session";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const crossSite = refuseCrossSiteRequest(request);
  if (crossSite) return crossSite;

  const read = await readLoginBody(request);
  if (!read.ok) return jsonError(400, "invalid_request", read.message);
  const { username, password } = read.body;

  const throttle = loginThrottle();
  const address = clientAddress(request.headers, config().trustedProxyHops);
  const decision = throttle.begin(username, address);
  if (!decision.allowed) {
    const minutes = Math.ceil(decision.retryAfterSeconds / 60);
    return jsonError(
      429,
      "too_many_login_attempts",
      `Too many failed logins. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again, or ask whoever runs the dashboard to check the password.`,
      { headers: { "retry-after": String(decision.retryAfterSeconds) } },
    );
  }
  if (decision.delayMs > 0) await sleep(decision.delayMs);

  const officer = await authenticateOfficer(username, password);
  if (!officer) {
    await auditSessionEvent({
      actor: username,
      action: "login_failed",
      target: "session",
      outcome: "failed",
      address,
      detail: decision.locks ? "wrong username or password; further attempts are refused for 15 minutes" : "wrong username or password",
    });
    return jsonError(401, "invalid_credentials", "Wrong username or password.");
  }

  throttle.succeeded(username, address);
  await startSession(officer);
  await auditSessionEvent({ actor: officer.name, action: "login", target: "session", outcome: "ok", address, detail: `role ${officer.role}` });
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}
