import "server-only";
import { refuseUnexpectedQuery } from "@/lib/server/http/query-guard";
import { requireSession, type Officer } from "@/lib/server/session/session";
import { errorResponse } from "./error-response";

/*
 * The road of every read route: a session first, then (when the route names them) only the query
 * parameters it knows, then its work. Refusals cost nothing behind them; whatever the work throws
 * is answered in the CONTRACT error shape.
 */

type ReadWork<Ctx> = (request: Request, officer: Officer, ctx: Ctx) => Promise<Response>;

export interface ReadGate {
  /** The query parameters the route takes; any other (or one given twice) is a 400. Unset: not checked here. */
  query?: readonly string[];
}

export function sessionRead<Ctx = unknown>(work: ReadWork<Ctx>): (request: Request, ctx: Ctx) => Promise<Response>;
export function sessionRead<Ctx = unknown>(gate: ReadGate, work: ReadWork<Ctx>): (request: Request, ctx: Ctx) => Promise<Response>;
export function sessionRead<Ctx>(a: ReadGate | ReadWork<Ctx>, b?: ReadWork<Ctx>): (request: Request, ctx: Ctx) => Promise<Response> {
  const gate: ReadGate = typeof a === "function" ? {} : a;
  const work: ReadWork<Ctx> = typeof a === "function" ? a : b!;
  return async (request, ctx) => {
    const officer = await requireSession();
    if (officer instanceof Response) return officer;
    const badQuery = gate.query ? refuseUnexpectedQuery(request, gate.query) : undefined;
    if (badQuery) return badQuery;
    try {
      return await work(request, officer, ctx);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
