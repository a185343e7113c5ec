import "server-only";
import type { z } from "zod";
import { jsonError } from "@/lib/server/http/error-response";
import { readBodyCapped } from "./capped-read";

/*
 * A POST's JSON body, bounded and validated before anything else happens (no directory walk, no
 * upstream call for a refused request). The size is enforced while reading, so a client that
 * lies in Content-Length (or sends none) still cannot make the server hold more than the limit.
 * Requiring application/json also keeps plain cross-site form posts out.
 */

/** A 5 MB CSV upload arrives base64-encoded inside the JSON (4/3 of its size), plus the rest. */
export const MAX_JSON_BODY_BYTES = 8 * 1024 * 1024;

export type BodyResult<T> = { ok: true; data: T } | { ok: false; response: Response };

const refuse = (status: number, type: string, message: string): BodyResult<never> => ({ ok: false, response: jsonError(status, type, message) });

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The request body is not valid.";
  const where = issue.path.length ? ` (at ${issue.path.join(".")})` : "";
  return `${issue.message}${where}`;
}

export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes = MAX_JSON_BODY_BYTES): Promise<BodyResult<z.output<S>>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type.trim())) {
    return refuse(415, "invalid_request", "Send the request body as JSON (Content-Type: application/json).");
  }
  const tooLarge = () =>
    refuse(413, "payload_too_large", `The request is larger than ${Math.round(maxBytes / (1024 * 1024))} MB. Split the list or the file into smaller parts.`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
  if (!request.body) return refuse(400, "invalid_request", "The request has no body; send a JSON object.");

  const bytes = await readBodyCapped(request.body, maxBytes);
  if (!bytes) return tooLarge();
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return refuse(400, "invalid_request", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return refuse(400, "invalid_request", firstIssue(parsed.error));
  return { ok: true, data: parsed.data };
}
