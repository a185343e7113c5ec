/** A run number from the query string: undefined when absent, null when not a positive integer. */
export function runNumberParam(v: string | null): number | undefined | null {
  if (v === null || v === "") return undefined;
  return /^[1-9][0-9]{0,8}$/.test(v) ? Number(v) : null;
}
