/*
 * The store cannot answer (unreachable, out of space, refused). Routes turn it into a 503 that says
 * the data store is unavailable; nothing is half-written, since every write is one transaction.
 */
/*
 * Branded as well as classed: each route bundle may carry its own copy of this module, while the
 * process's one database (opened by whichever bundle came first) throws its copy's class, so
 * `instanceof` alone would miss it and the 503 would become a 500.
 */
const BRAND = Symbol.for("compliance-directory.store-unavailable");

/** Why the store cannot answer: out of disk space needs the operator to free some; the rest is an outage. */
export type StoreFailure = "unavailable" | "out_of_space";

export class StoreUnavailableError extends Error {
  readonly [BRAND] = true;
  constructor(
    message: string,
    readonly cause?: unknown,
    readonly failure: StoreFailure = "unavailable",
  ) {
    super(message);
    this.name = "StoreUnavailableError";
  }
}

/**
 * What an officer is told (the 503's message, a failed sync's error): what is wrong and what to do,
 * never the database's own words (paths, hosts), which go to the server log.
 */
export function storeUnavailableMessage(err: StoreUnavailableError): string {
  if (err.failure === "out_of_space") {
    return "The dashboard's database is unavailable for writing: it is out of disk space, so nothing was written. Tell the dashboard's operator to free space where the database keeps its files (DATA_DIR, or the database server); it works again as soon as there is room.";
  }
  return "The dashboard's database is unavailable right now, so nothing was read or handed out. Try again in a minute; if it persists, tell the dashboard's operator.";
}

export function isStoreUnavailable(err: unknown): err is StoreUnavailableError {
  return err instanceof StoreUnavailableError || (typeof err === "object" && err !== null && (err as { [BRAND]?: unknown })[BRAND] === true);
}

/**
 * Errors that mean "the database cannot do this now" rather than "this statement is wrong":
 * connection failures (class 08), out of space or memory (53), shutdown (57), I/O (58), a read-only
 * server (25006), and the socket errors of a server that went away.
 */
export function asStoreError(err: unknown): unknown {
  if (isStoreUnavailable(err)) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string") {
    const unavailable =
      /^(08|53|57|58)/.test(code) || code === "25006" || ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOSPC", "EROFS", "EACCES", "EIO"].includes(code);
    if (unavailable) return new StoreUnavailableError(`database error ${code}: ${(err as Error).message}`, err, code === "53100" || code === "ENOSPC" ? "out_of_space" : "unavailable");
  }
  const message = err instanceof Error ? err.message : "";
  if (/Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|no space left|read-only file system/i.test(message)) {
    return new StoreUnavailableError(`database error: ${message}`, err, /no space left/i.test(message) ? "out_of_space" : "unavailable");
  }
  return err;
}

/** An `as_of` (or `from`/`to`) that names no complete sync: a 404 that says where to find one. */
export class SyncNotFoundError extends Error {
  constructor(readonly syncId: string) {
    super("There is no complete sync with that id; GET /api/syncs lists the syncs, newest first.");
    this.name = "SyncNotFoundError";
  }
}
