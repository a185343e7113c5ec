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

export class StoreUnavailableError extends Error {
  readonly [BRAND] = true;
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = "StoreUnavailableError";
  }
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
    if (unavailable) return new StoreUnavailableError(`database error ${code}: ${(err as Error).message}`, err);
  }
  const message = err instanceof Error ? err.message : "";
  if (/Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|no space left|read-only file system/i.test(message)) {
    return new StoreUnavailableError(`database error: ${message}`, err);
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
