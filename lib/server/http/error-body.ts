import "server-only";
import { errorResponse } from "@/lib/server/http/error-response";
import type { ErrorLine } from "@/lib/shared/directory/wire";

/** The app's error shape for `err`, as a value: the same words a JSON error answer would carry. */
export async function errorBody(err: unknown): Promise<ErrorLine["error"]> {
  const body = (await errorResponse(err).json()) as { error: ErrorLine["error"] };
  return body.error;
}
