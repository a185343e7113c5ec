import { jsonError } from "./error-response";

/*
 * Saved work (reconciliations, seed lists) keeps numbered history: runs, resolutions. Routes read
 * those numbers from the query string the same way, and refuse a bad one the same way.
 */

/** A history number from the query string: undefined when absent, null when not a positive integer. */
export function historyNumberParam(v: string | null): number | undefined | null {
  if (v === null || v === "") return undefined;
  return /^[1-9][0-9]{0,8}$/.test(v) ? Number(v) : null;
}

/** The two (optional) history numbers `names` of the request's query, or the 400 saying what they must be. */
export function historyNumberPair(request: Request, names: readonly [string, string], noun: string): [number | undefined, number | undefined] | Response {
  const q = new URL(request.url).searchParams;
  const [first, second] = names.map((name) => historyNumberParam(q.get(name)));
  if (first === null || second === null) return jsonError(400, "invalid_request", `\`${names[0]}\` and \`${names[1]}\` are ${noun} numbers (1, 2, …).`);
  return [first, second];
}
