import "server-only";
import { MAX_JSON_BODY_BYTES } from "@/lib/seed-lists/json-body";

/*
 * Request bodies are refused by size in proxy.ts, before Next hands them on. Next buffers every
 * body that passes a proxy (to let both the proxy and the route read it) and waits for its end
 * before the route runs, so a route's own size check only starts after a 100 MB upload has been
 * read in full. No route takes more than the JSON upload limit, so nothing larger is let in.
 */

export const MAX_REQUEST_BODY_BYTES = MAX_JSON_BODY_BYTES;

const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
export const BODY_TOO_LARGE_MESSAGE = `The request is larger than ${mb(MAX_REQUEST_BODY_BYTES)}. Split the list or the file into smaller parts.`;

/**
 * True when the body is over the limit: by its declared Content-Length at once, or, for a body
 * sent without one (chunked), by counting as it arrives and stopping at the limit. `body` is the
 * proxy's copy of the request body; reading it leaves the route's copy untouched.
 */
export async function bodyIsTooLarge(headers: Pick<Headers, "get">, body: ReadableStream<Uint8Array> | null, max = MAX_REQUEST_BODY_BYTES): Promise<boolean> {
  const declared = headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim())) return Number(declared) > max;
  if (!body) return false;
  const reader = body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => {});
        return true;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
