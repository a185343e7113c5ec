import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import { isUserId } from "@/lib/shared/directory/entries";
import { errorBody } from "@/lib/server/http/error-body";
import { linkedController, ndjsonResponse, progressUntilLoaded, wantsFresh, type Line } from "@/lib/server/directory/ndjson";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import { personDetailIn } from "@/lib/server/first-screen/person";
import type { Directory } from "@/lib/shared/directory/types";
import { AS_OF_PARAM, takeAsOf } from "@/lib/server/http/as-of";
import { sessionRead } from "@/lib/server/http/session-read";

/*
 * GET /api/directory/people/{userId}: one person's organizations (direct, with organization role),
 * groups, the roles those groups grant, and each role's permissions with the group → role path.
 *
 * The id must be `user_` followed by 1..123 of [A-Za-z0-9_-]: the proxy's id rule (CONTRACT.md,
 * at most 128 characters) with the prefix every user id carries. Anything else is a 400 before any
 * upstream call.
 *
 * JSON by default. With `accept: application/x-ndjson` it streams progress lines while the
 * snapshot is walked, then `{"type":"person","person":{...}}` or an error line.
 * `as_of=<sync id>`: as that complete sync had it.
 * The Refresh header (`x-dashboard-refresh: 1`, lib/server/http/refresh.ts) rebuilds the snapshot and reloads the permissions.
 */

export const dynamic = "force-dynamic";

class NotInDirectory extends Error {}

async function detailFor(directory: Directory, userId: string) {
  const detail = await personDetailIn(directory, userId);
  if (!detail) throw new NotInDirectory();
  return detail;
}

function notFound(userId: string, builtAt: number): Response {
  return jsonError(
    404,
    "not_found",
    `No organization or group lists ${userId} (directory as of ${new Date(builtAt).toISOString()}). Check the id; if the person was added since, refresh the directory.`,
  );
}

export const GET = sessionRead<{ params: Promise<{ userId: string }> }>({ query: [AS_OF_PARAM] }, async (request, officer, ctx) => {
  const asOf = takeAsOf(new URLSearchParams(new URL(request.url).searchParams));
  if (!asOf.ok) return jsonError(400, "invalid_request", asOf.message);
  const asOfId = asOf.asOf;

  const { userId } = await ctx.params;
  if (!isUserId(userId)) {
    return jsonError(400, "invalid_request", "A person id looks like user_ followed by letters, digits, _ or - (at most 128 characters in all).");
  }
  const fresh = wantsFresh(request);

  if (!(request.headers.get("accept") ?? "").includes("application/x-ndjson")) {
    let directory: Directory | undefined;
    try {
      directory = await loadDirectory({ signal: request.signal, fresh, asOf: asOfId });
      const detail = await detailFor(directory, userId);
      return Response.json(detail, { headers: { "cache-control": "private, no-store" } });
    } catch (err) {
      if (err instanceof NotInDirectory && directory) return notFound(userId, directory.builtAt);
      return errorResponse(err);
    }
  }

  const ctrl = linkedController(request.signal);
  async function* lines(): AsyncGenerator<Line, void, undefined> {
    let directory: Directory | undefined;
    try {
      directory = yield* progressUntilLoaded((o) => loadDirectory({ ...o, asOf: asOfId }), { signal: ctrl.signal, fresh });
      yield { type: "person", person: await detailFor(directory, userId) };
    } catch (err) {
      if (ctrl.signal.aborted) return;
      if (err instanceof NotInDirectory && directory) {
        yield { type: "error", error: await errorBody(notFound(userId, directory.builtAt)) };
      } else {
        yield { type: "error", error: await errorBody(err) };
      }
    }
  }
  return ndjsonResponse(lines(), () => ctrl.abort());
});
