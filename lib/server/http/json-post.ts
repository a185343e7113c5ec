import "server-only";
import type { z } from "zod";
import type { Officer, OfficerRole } from "@/lib/server/session/session";
import { refuseCrossSiteRequest } from "@/lib/server/http/same-origin";
import { requireRole, requireSession } from "@/lib/server/session/session";
import { readJsonBody, MAX_JSON_BODY_BYTES } from "./json-body";

/*
 * The gate of every state-changing JSON route, in the order that keeps refusals cheap: who is
 * asking (and may they), whether the request comes from our own pages (CSRF), then the body.
 * Nothing behind it runs, and nothing goes upstream, for a refused request.
 */

export type JsonPost<T> = { ok: true; officer: Officer; data: T } | { ok: false; response: Response };

export async function acceptJsonPost<S extends z.ZodType>(
  request: Request,
  schema: S,
  opts: { role?: OfficerRole; purpose?: string; maxBytes?: number } = {},
): Promise<JsonPost<z.output<S>>> {
  const officer = opts.role ? await requireRole(opts.role, opts.purpose) : await requireSession();
  if (officer instanceof Response) return { ok: false, response: officer };
  const crossSite = refuseCrossSiteRequest(request);
  if (crossSite) return { ok: false, response: crossSite };
  const body = await readJsonBody(request, schema, opts.maxBytes ?? MAX_JSON_BODY_BYTES);
  if (!body.ok) return body;
  return { ok: true, officer, data: body.data };
}
