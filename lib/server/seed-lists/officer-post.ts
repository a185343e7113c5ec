import "server-only";
import type { z } from "zod";
import { acceptJsonPost, type JsonPost } from "@/lib/server/http/json-post";
import { asOfficerWork, refuseTooFrequentRefresh } from "@/lib/server/http/officer-work";
import type { OfficerRole } from "@/lib/server/session/session";
import { inputOrErrorResponse } from "./route-support";

/*
 * The road of every seed-list and reconciliation POST: the JSON gate (session, role, same origin,
 * body), the path's id when the route is under a saved item, then the refresh limit when the body
 * asks for `fresh`, then the work inside the officer's share of heavy work, so a refused request
 * answers its own 4xx however busy the officer is. What the work throws is answered as officer
 * input or as any route.
 */

/** The context of a route under a saved item (`/api/<kind>/[id]/...`). */
export type ItemParams = { params: Promise<{ id: string }> };

export interface OfficerPostGate<S extends z.ZodType> {
  /** Names the job in the 429 when the officer's share of concurrent work is taken. */
  work: string;
  schema: S;
  role?: OfficerRole;
  purpose?: string;
  maxBytes?: number;
  /** Whether the body asks to rebuild the directory first (limited per officer). */
  fresh?: (data: z.output<S>) => boolean | undefined;
  /** For a route under a saved item (its context is ItemParams): the 400 for a path id that is not one of its items. */
  refuseId?: (id: string) => Response | undefined;
}

type Accepted<S extends z.ZodType> = Extract<JsonPost<z.output<S>>, { ok: true }>;

export function officerPost<S extends z.ZodType, Ctx = unknown>(
  gate: OfficerPostGate<S>,
  handle: (request: Request, post: Accepted<S>, ctx: Ctx) => Promise<Response>,
): (request: Request, ctx: Ctx) => Promise<Response> {
  return async (request, ctx) => {
    const post = await acceptJsonPost(request, gate.schema, gate);
    if (!post.ok) return post.response;
    const badId = gate.refuseId ? gate.refuseId((await (ctx as ItemParams).params).id) : undefined;
    if (badId) return badId;
    const refused = gate.fresh ? refuseTooFrequentRefresh(post.officer.name, gate.fresh(post.data)) : undefined;
    if (refused) return refused;
    return asOfficerWork(post.officer.name, gate.work, async () => {
      try {
        return await handle(request, post, ctx);
      } catch (err) {
        return inputOrErrorResponse(err);
      }
    });
  };
}
