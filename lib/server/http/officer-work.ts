import "server-only";
import { getSession } from "@/lib/server/session/session";
import { errorResponse } from "./error-response";
import { officerShare, releaseWhenSent } from "@/lib/server/throttle/officer-share";

/*
 * A heavy job (an export, a resolution, a reconciliation) runs inside its officer's share of
 * concurrent work (lib/server/throttle/officer-share.ts); past it, a 429 with retry-after before the job
 * touches anything. A request without a session goes straight to the route, which refuses it
 * with its own 401 (and audit entry). A streamed answer holds the slot until it is sent.
 */
export async function withOfficerWork(what: string, run: () => Promise<Response>): Promise<Response> {
  let session;
  try {
    session = await getSession();
  } catch (err) {
    // Logouts cannot be checked (the database is down): a 503, never an unchecked session.
    return errorResponse(err);
  }
  if (!session) return run();
  return asOfficerWork(session.officer.name, what, run);
}

/**
 * The same for a route that has already checked who is asking and what they sent: refusals of bad
 * input come before this, so they never wait for (or are mistaken for) a full share of work.
 */
export async function asOfficerWork(officer: string, what: string, run: () => Promise<Response>): Promise<Response> {
  const slot = officerShare().admitWork(officer, what);
  if (slot instanceof Response) return slot;
  let response: Response;
  try {
    response = await run();
  } catch (err) {
    slot();
    throw err;
  }
  return releaseWhenSent(response, slot);
}

/** A `fresh` (rebuild the directory first) job: at most once per officer per interval; else a 429 to answer. */
export function refuseTooFrequentRefresh(officer: string, fresh: boolean | undefined): Response | undefined {
  return fresh ? officerShare().admitRefresh(officer, "directory") : undefined;
}
