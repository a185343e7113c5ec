import { jsonError } from "@/lib/server/http/error-response";

/*
 * Any /api path no route serves: the CONTRACT's JSON error, not the HTML not-found page (a script
 * or a mistyped link gets an answer it can read). Calls nothing upstream.
 */

export const dynamic = "force-dynamic";

function notFound(request: Request): Response {
  const path = new URL(request.url).pathname.replace(/[^\x20-\x7e]/g, "?").slice(0, 100);
  return jsonError(404, "not_found", `There is no API route ${path}. Check the address; the README lists the routes the dashboard serves.`);
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
