/*
 * Every failure of an upstream call becomes one UpstreamError. Callers switch on `kind`, never on
 * messages (API.md: match on error.type). `message` is ours, written for an officer; the upstream's
 * own message is kept apart in `upstreamMessage` and only shown where it cannot carry secrets.
 */

export type UpstreamErrorKind =
  | "bad_request" // 400 invalid_request_error
  | "authentication" // 401, or 404 "Not found" on the organizations list (no/wrong key)
  | "permission" // 403 permission_error: missing scope or an Admin key
  | "not_found" // 404 not_found_error
  | "rate_limited" // 429 after the retries ran out
  | "org_cap" // 500 (api_error or internal_error): more than 1,000 organizations, in any revision's words
  | "server" // 5xx that is not transient, or transient ones after the retries ran out
  | "timeout" // no answer within the per-request timeout, after retries
  | "network" // connection refused/reset, after retries
  | "malformed" // a body that is not JSON or does not match the schema
  | "pagination" // the walker saw a repeating token or an impossible page
  | "cancelled"; // the caller aborted

export interface UpstreamErrorInit {
  kind: UpstreamErrorKind;
  message: string;
  status?: number;
  upstreamType?: string;
  upstreamMessage?: string;
  requestId?: string;
  path?: string;
  missingScopes?: string[];
  cause?: unknown;
}

/*
 * Branded as well as classed (as StoreUnavailableError is): each Next.js layer runs its own copy of
 * this module, while the process's one upstream client (lib/server/upstream/instance.ts) throws the
 * class of whichever layer made it, so `instanceof` alone would take a 403 from the upstream for an
 * internal error (a 500, a sync failed as "internal").
 */
const BRAND = Symbol.for("compliance-directory.upstream-error");

export class UpstreamError extends Error {
  readonly [BRAND] = true;
  readonly kind: UpstreamErrorKind;
  readonly status?: number;
  readonly upstreamType?: string;
  readonly upstreamMessage?: string;
  readonly requestId?: string;
  readonly path?: string;
  readonly missingScopes?: string[];

  constructor(init: UpstreamErrorInit) {
    super(init.message, { cause: init.cause });
    this.name = "UpstreamError";
    this.kind = init.kind;
    this.status = init.status;
    this.upstreamType = init.upstreamType;
    this.upstreamMessage = init.upstreamMessage;
    this.requestId = init.requestId;
    this.path = init.path;
    this.missingScopes = init.missingScopes;
  }
}

export const isUpstreamError = (e: unknown): e is UpstreamError =>
  e instanceof UpstreamError || (typeof e === "object" && e !== null && (e as { [BRAND]?: unknown })[BRAND] === true);
