import "server-only";
import { z } from "zod";
import { readBodyCapped } from "@/lib/server/http/capped-read";

/*
 * The body of POST /api/auth/login, read with a size cap before parsing: the route is open to
 * anyone, so it must not buffer whatever a client cares to send.
 */

export const MAX_LOGIN_BODY_BYTES = 4096;

const loginBodySchema = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export type LoginBodyResult = { ok: true; body: LoginBody } | { ok: false; message: string };

const TOO_BIG = `The login request is larger than ${MAX_LOGIN_BODY_BYTES} bytes; send only {"username","password"}.`;

async function readCapped(request: Request, cap: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > cap) return null;
  if (!request.body) return "";
  const bytes = await readBodyCapped(request.body, cap);
  return bytes && new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}

export async function readLoginBody(request: Request): Promise<LoginBodyResult> {
  // JSON or unlabelled; a form encoding would mean a cross-site form post or a confused client.
  const contentType = request.headers.get("content-type");
  if (contentType !== null && !/^application\/json\s*(;|$)/i.test(contentType)) {
    return { ok: false, message: 'Send the login as JSON (Content-Type: application/json) with "username" and "password".' };
  }
  const text = await readCapped(request, MAX_LOGIN_BODY_BYTES);
  if (text === null) return { ok: false, message: TOO_BIG };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The login request is not valid JSON; send {"username":"...","password":"..."}.' };
  }
  const parsed = loginBodySchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, message: '"username" and "password" must both be non-empty strings (username up to 200 characters, password up to 1024).' };
  }
  return { ok: true, body: parsed.data };
}
