import { AuditUnavailableError, auditUnavailableResponse } from "@/lib/server/audit/unavailable";
import { config } from "@/lib/server/config";
import { jsonError } from "@/lib/server/http/error-response";
import { failedLoginLog } from "@/lib/server/session/failed-login-log";
import { loginThrottle } from "@/lib/server/session/login-throttle";
import { readLoginBody } from "@/lib/server/session/login-request";
import { authenticateOfficer } from "@/lib/server/session/officers";
import { clientFacts } from "@/lib/server/http/request-facts";
import { refuseCrossSiteRequest } from "@/lib/server/http/same-origin";
import { recordSessionEvent } from "@/lib/server/session/session-audit";
import { startSession } from "@/lib/server/session/session";

export const dynamic = "force-dynamic";

function waitWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

export async function POST(request: Request): Promise<Response> {
  const crossSite = refuseCrossSiteRequest(request);
  if (crossSite) return crossSite;

  const read = await readLoginBody(request);
  if (!read.ok) return jsonError(400, "invalid_request", read.message);
  const { username, password } = read.body;

  const throttle = loginThrottle();
  const client = clientFacts(request.headers, config().trustedProxyHops);
  const decision = throttle.begin(username, client.address);
  if (!decision.allowed) {
    return jsonError(
      429,
      "too_many_login_attempts",
      `Too many failed logins from here. Wait ${waitWords(decision.retryAfterSeconds)} and try again, or ask whoever runs the dashboard to check the password.`,
      { headers: { "retry-after": String(decision.retryAfterSeconds) } },
    );
  }

  const officer = await authenticateOfficer(username, password);
  if (!officer) {
    await failedLoginLog().failed(username, client);
    return jsonError(401, "invalid_credentials", "Wrong username or password.");
  }

  // On record before the cookie exists: a login the audit log cannot take is refused (503).
  try {
    await recordSessionEvent({ actor: officer.name, action: "login", target: "session", outcome: "ok", client, detail: `role ${officer.role}` });
  } catch (err) {
    return auditUnavailableResponse(err instanceof AuditUnavailableError ? err.cause : err);
  }
  throttle.succeeded(username, client.address);
  await startSession(officer);
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}
