import { UUID_RE } from "@/lib/shared/compliance/ids";

/*
 * What every export's query string checks alike (isomorphic: the routes validate with it, the
 * Exports page builds its links with it). Each answers a message for the officer, or the values.
 */

const MAX_REPEATS = 1000;

export type ParamValues = { ok: true; values: string[] } | { ok: false; message: string };

/** The first parameter the export does not take, or one given too often; `hint` adds to the message for a key. */
function refuseUnknownParams(params: URLSearchParams, allowed: readonly string[], hint: (key: string) => string): string | undefined {
  for (const key of new Set(params.keys())) {
    if (!allowed.includes(key)) {
      return `Unknown query parameter "${key.slice(0, 40)}". This export takes ${allowed.map((k) => `${k}=`).join(", ")}.${hint(key)}`;
    }
    if (params.getAll(key).length > MAX_REPEATS) return `Too many "${key}" values; at most ${MAX_REPEATS}.`;
  }
  return undefined;
}

/** Every value of `key`, each once (after `normalize`); the first that does not match `valid` is refused with `refusal`. */
export function distinctParam(
  params: URLSearchParams,
  key: string,
  check: { valid: RegExp; refusal: (value: string) => string; normalize?: (value: string) => string },
): ParamValues {
  const values: string[] = [];
  for (const raw of params.getAll(key)) {
    if (!check.valid.test(raw)) return { ok: false, message: check.refusal(raw.slice(0, 60)) };
    const value = check.normalize ? check.normalize(raw) : raw;
    if (!values.includes(value)) values.push(value);
  }
  return { ok: true, values };
}

/** The checks every export's query string starts with: only the parameters it takes, then `org` as organization uuids (lower case, each once). */
export function exportParams(params: URLSearchParams, allowed: readonly string[], hint: (key: string) => string = () => ""): ParamValues {
  const unknown = refuseUnknownParams(params, allowed, hint);
  if (unknown) return { ok: false, message: unknown };
  return distinctParam(params, "org", {
    valid: UUID_RE,
    refusal: (org) => `org "${org}" is not an organization uuid (like 3f2b1c9e-7a4d-4e8b-9c1f-2d3e4f5a6b7c).`,
    normalize: (org) => org.toLowerCase(),
  });
}
