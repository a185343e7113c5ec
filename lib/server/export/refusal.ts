/** An export refused before its first byte: answered as a JSON error, logged as refused. */
export class ExportRefusal extends Error {
  readonly status: number;
  readonly type: string;
  constructor(status: number, type: string, message: string) {
    super(message);
    this.name = "ExportRefusal";
    this.status = status;
    this.type = type;
  }
}

/** The 404 for ids an export names that this parent organization does not hold; `page` is where the officer finds the right ones. */
export function refuseUnknownIds(kind: string, page: string, wanted: Iterable<string>, found: ReadonlySet<string>): void {
  const missing = [...wanted].filter((id) => !found.has(id));
  if (missing.length === 0) return;
  const more = missing.length > 5 ? ` (and ${missing.length - 5} more)` : "";
  throw new ExportRefusal(404, "not_found", `No ${kind} ${missing.slice(0, 5).join(", ")}${more} under this parent organization. Check the ids on the ${page} page.`);
}
