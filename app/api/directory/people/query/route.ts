import { recordViewOrRefuse } from "@/lib/server/audit/view-audit";
import { answerPeopleQuery, preparePeopleQuery } from "@/lib/server/directory/people-query";
import { PEOPLE_MAX_SEARCH, peopleQueryFromParams } from "@/lib/shared/directory/people-query-wire";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import { takeAsOf } from "@/lib/server/http/as-of";
import { z } from "zod";
import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import { acceptJsonPost } from "@/lib/server/http/json-post";
import { sessionRead } from "@/lib/server/http/session-read";
import type { Officer } from "@/lib/server/session/session";

/*
 * GET /api/directory/people/query?q=&org=&role=&rbac=&group=&action=&domain=&sort=&offset=&limit=
 * [&ids=1][&facets=0][&options=1][&as_of=<sync id>]: People answered from the newest complete sync
 * (or as_of's) in memory: one window of rows in the sort's order, how many match, each facet's
 * counts (lib/server/directory/people-query.ts; parameters and answer in people-query-wire.ts). Every
 * parameter is checked before anything is read: a bad one is a 400 that reaches neither store nor
 * upstream. POST `{"query": "<the same query string>"}` takes a pasted list too long for a URL.
 * On record as the NDJSON list is (action "view", coalesced per officer and sync).
 */

export const dynamic = "force-dynamic";

/** A pasted list of 200,000 ids, URL-encoded, with room. */
const MAX_POST_BYTES = PEOPLE_MAX_SEARCH * 3 + 64 * 1024;
const postBodySchema = z.object({ query: z.string().max(MAX_POST_BYTES) }).strict();

async function answer(params: URLSearchParams, signal: AbortSignal, officer: Officer): Promise<Response> {
  const asOf = takeAsOf(params);
  if (!asOf.ok) return jsonError(400, "invalid_request", asOf.message);
  const parsed = peopleQueryFromParams(params);
  if (!parsed.ok) return jsonError(400, "invalid_request", parsed.message);
  const directory = await loadDirectory({ signal, asOf: asOf.asOf });
  const syncId = directory.sync?.id;
  const refused = await recordViewOrRefuse({ actor: officer.name, target: "directory/people", syncId, version: syncId ? undefined : `built-${directory.builtAt}` });
  if (refused) return refused;
  await preparePeopleQuery(directory);
  const body = answerPeopleQuery(directory, parsed.query);
  const sync: Record<string, string> = directory.sync ? { "x-directory-sync": directory.sync.id, "x-directory-as-of": directory.sync.finishedAt } : {};
  return Response.json(body, { headers: { "cache-control": "private, no-store", "x-directory-source": "store", ...sync } });
}

export const GET = sessionRead((request, officer) => answer(new URLSearchParams(new URL(request.url).searchParams), request.signal, officer));

export async function POST(request: Request): Promise<Response> {
  const post = await acceptJsonPost(request, postBodySchema, { maxBytes: MAX_POST_BYTES });
  if (!post.ok) return post.response;
  try {
    return await answer(new URLSearchParams(post.data.query), request.signal, post.officer);
  } catch (err) {
    return errorResponse(err);
  }
}
