import "server-only";
import { requirePageSession } from "@/lib/server/session/session";

/*
 * The first screen of a page, rendered on the server with its data (issue 12: first rows painted
 * in under 300 ms). A cold tab would otherwise paint only after the scripts load, hydrate and fetch
 * in turn; with the rows in the HTML they paint as the document arrives, and the page fetches the
 * rest in the background. Best effort: when the data is not at hand quickly (the first sync still
 * running, the store busy) or reading it fails, the page renders without it and loads as before,
 * showing whatever error its own request meets.
 */

export type PageSearchParams = Record<string, string | string[] | undefined>;

export function searchParamsOf(params: PageSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(key, v);
  return out;
}

/** Most a page waits for its first screen before rendering without it. */
export const FIRST_SCREEN_WAIT_MS = 1500;

export async function firstScreen<T>(
  load: (signal: AbortSignal) => Promise<T>,
  { waitMs = FIRST_SCREEN_WAIT_MS, session = requirePageSession }: { waitMs?: number; session?: () => Promise<unknown> } = {},
): Promise<T | null> {
  // The page renders beside its layout, not after it: the session is checked here too, before any data is read.
  await session();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(null);
    }, waitMs);
  });
  try {
    return await Promise.race([load(controller.signal).catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
