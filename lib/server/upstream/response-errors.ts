import "server-only";
import { upstreamErrorBodySchema } from "@/lib/shared/compliance/schemas";
import { UpstreamError, type UpstreamErrorKind } from "./errors";
import { TRANSIENT_STATUSES } from "./retry-policy";

/*
 * Turns an upstream error answer into one UpstreamError whose message tells an officer what
 * happened and what to do, and says whether the request is worth another try. Matches on status
 * and `error.type` (API.md), reading messages only where the API gives nothing else (the org cap,
 * the missing scope, which id was not found). Raw bodies never go into a message.
 */

export type RetryClass = "none" | "transient" | "server" | "rate_limit";

export interface ClassifiedError {
  error: UpstreamError;
  retry: RetryClass;
}

export interface ErrorAnswer {
  status: number;
  headers: Headers;
  bodyText: string;
  path: string;
  requestId?: string;
}

const ORGANIZATIONS_LIST = "/v1/compliance/organizations";
/*
 * The 1,000-organization cap in each spec revision's words (API.md): `api_error` "Maximum Response
 * Size Exceeded", `api_error` "Response exceeds maximum of 1,000 organizations...", and revision J's
 * `internal_error` "This response would have exceeded the maximum of 1,000 organizations returned in
 * one request." The number is what they share; the type differs, so only the words tell.
 */
const ORG_CAP_RE = /maximum response size exceeded|maximum of 1,?000 organi[sz]ations/i;
const SCOPES_RE = /Got:\s*\[([^\]]*)\][\s\S]*?Needed one of:\s*\[([^\]]*)\]/i;
/** Revision J's 401: "The API key provided does not have the `read:compliance_user_data` scope required for this endpoint." */
const SCOPE_J_RE = /does not have the [`'"]?([a-z_]+:[a-z_:]+)[`'"]? scope/i;
// Officers cannot change the server's configuration: they are told whom to ask, and the server log
// names the variable for the operator (logForOperator).
const SET_KEY = "Tell the dashboard's operator: the dashboard needs a valid Compliance Access Key (sk-ant-api01-..., made in claude.ai Data Management settings).";

function logForOperator(message: string): void {
  console.error(`[compliance-api] ${message} Operator: set ANTHROPIC_COMPLIANCE_ACCESS_KEY on the server to a Compliance Access Key that works.`);
}

/** Removes anything shaped like an Anthropic key (and the configured key) from text we keep. */
export function redactSecrets(text: string, accessKey?: string): string {
  let out = text;
  if (accessKey && accessKey.length >= 8) {
    out = out.split(accessKey).join("[redacted key]");
    // The key's secret part without its `sk-ant-api01-` prefix is just as much the key.
    const secret = /^sk-ant-[a-z0-9]+-(.{12,})$/i.exec(accessKey)?.[1];
    if (secret) out = out.split(secret).join("[redacted key]");
  }
  return out.replace(/sk-ant-[A-Za-z0-9_-]+/g, "[redacted key]");
}

// C0/C1 controls, DEL, and the invisible format characters that reorder or hide text
// (bidi overrides and isolates, zero-width characters, BOM).
const UNSAFE_CHARS_RE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/** The longest request id we pass on; real ones are about 30 characters. */
export const MAX_REQUEST_ID_LENGTH = 128;

/**
 * The one scrub for every string that comes from the upstream (a message, `request-id`, a header
 * value) before it is shown, logged or stored: control and invisible characters go first (so they
 * cannot split a key past the redaction), then anything shaped like a key and the configured key,
 * then the length is bounded.
 */
export function scrubUpstreamText(text: string, accessKey: string | undefined, maxLength: number): string {
  // Removed, not replaced by a space: "sk-ant-\u200bapi01-..." must still read as a key.
  const visible = text.replace(UNSAFE_CHARS_RE, "").replace(/\s+/g, " ").trim();
  const redacted = redactSecrets(visible, accessKey);
  return redacted.length > maxLength ? `${redacted.slice(0, maxLength - 1)}…` : redacted;
}

/** `request-id` (or `x-request-id`) of an answer, scrubbed; undefined when absent or empty. */
export function scrubbedRequestId(headers: Headers, accessKey: string | undefined): string | undefined {
  const raw = headers.get("request-id") ?? headers.get("x-request-id");
  if (raw === null) return undefined;
  return scrubUpstreamText(raw, accessKey, MAX_REQUEST_ID_LENGTH) || undefined;
}

export function parseErrorBody(bodyText: string): { type?: string; message?: string } {
  try {
    const parsed = upstreamErrorBodySchema.safeParse(JSON.parse(bodyText));
    if (parsed.success) return { type: parsed.data.error.type, message: parsed.data.error.message };
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status says enough.
  }
  return {};
}

function scopeList(raw: string): string[] {
  return raw
    .split(",")
    .map((s) => s.trim().replace(/^['"]|['"]$/g, "").trim())
    .filter(Boolean);
}

/**
 * The scopes a key lacks, from `Missing required scopes. Got: [...] Needed one of: [...]` or from
 * revision J's "does not have the `scope` scope required for this endpoint".
 */
export function parseMissingScopes(message: string | undefined): string[] | undefined {
  if (!message) return undefined;
  const j = SCOPE_J_RE.exec(message);
  if (j) return [j[1] as string];
  const m = SCOPES_RE.exec(message);
  if (!m) return undefined;
  const got = new Set(scopeList(m[1] ?? ""));
  return scopeList(m[2] ?? "").filter((s) => !got.has(s));
}

/** The ids in a compliance path, by what they name. */
export function pathTargets(path: string): { org?: string; role?: string; group?: string } {
  const seg = path
    .replace(/^\/v1\/compliance\/?/, "")
    .split("/")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  const out: { org?: string; role?: string; group?: string } = {};
  if (seg[0] === "organizations" && seg[1]) out.org = seg[1];
  if (seg[0] === "organizations" && seg[2] === "roles" && seg[3]) out.role = seg[3];
  if (seg[0] === "groups" && seg[1]) out.group = seg[1];
  return out;
}

function notFoundMessage(path: string, upstreamMessage: string | undefined): string {
  const t = pathTargets(path);
  const tail = "It may have been removed, belong to another parent organization, or the id may be mistyped.";
  if (t.role && !/organi[sz]ation/i.test(upstreamMessage ?? "")) {
    return `Role ${t.role} was not found in organization ${t.org}. ${tail}`;
  }
  if (t.group) return `Group ${t.group} was not found under this parent organization. ${tail}`;
  if (t.org && path.endsWith("/settings")) {
    return `No settings were found for organization ${t.org}: it is not an organization linked under this parent (the parent itself has no settings here). ${tail}`;
  }
  if (t.org) return `Organization ${t.org} was not found under this parent organization. ${tail}`;
  return `The Compliance API answered "not found" for ${path}. ${tail}`;
}

function scopeMessage(missing: string[]): string {
  const specific = missing.filter((s) => s !== "read:org_audit");
  const named = specific.length > 0 ? specific.join(" or ") : missing.join(" or ");
  const alt = specific.length > 0 && missing.includes("read:org_audit") ? " (or read:org_audit)" : "";
  return `The Compliance Access Key lacks the scope this needs: ${named}${alt}. Scopes are fixed when a key is made: tell the dashboard's operator to create a key with this scope in claude.ai Data Management settings and give it to the dashboard.`;
}

function scopeForPath(path: string): string {
  return /\/(users|members)$/.test(path) ? "read:compliance_user_data" : "read:compliance_org_data";
}

// The request id itself travels on the error (and the error response quotes it), not in the text.
const withRequestId = (requestId: string | undefined) => (requestId ? " If it persists, contact Anthropic support with the request id." : "");

/**
 * `attempts` is how many tries were made so far, for the message of a final failure.
 * `accessKey` is only used to scrub the upstream's message before it is kept; `requestId` must come
 * scrubbed already (scrubbedRequestId).
 */
export function classifyErrorAnswer(answer: ErrorAnswer, attempts: number, accessKey?: string): ClassifiedError {
  const { status, headers, path, requestId } = answer;
  const body = parseErrorBody(answer.bodyText);
  const upstreamType = body.type;
  const upstreamMessage = body.message !== undefined ? scrubUpstreamText(body.message, accessKey, 500) : undefined;
  const shouldRetry = headers.get("x-should-retry")?.trim().toLowerCase();
  const base = { status, upstreamType, upstreamMessage, requestId, path };
  const make = (kind: UpstreamErrorKind, message: string, extra: Partial<{ missingScopes: string[] }> = {}) => {
    if (kind === "authentication" || kind === "permission") logForOperator(message);
    return new UpstreamError({ kind, message, ...base, ...extra });
  };
  const tries = attempts > 1 ? ` (tried ${attempts} times)` : "";

  const missing = parseMissingScopes(body.message);
  // Older revisions (J and before) answer a missing scope with 401: the words tell it from a bad key.
  const scopeWords = status === 401 && /\bscopes?\b/i.test(body.message ?? "");
  if (status === 403 || (status === 401 && (missing || scopeWords))) {
    if (missing && missing.length > 0) {
      return { error: make("permission", scopeMessage(missing), { missingScopes: missing }), retry: "none" };
    }
    if (/scope/i.test(body.message ?? "")) {
      const scope = scopeForPath(path);
      return { error: make("permission", scopeMessage([scope]), { missingScopes: [scope] }), retry: "none" };
    }
    return {
      error: make(
        "permission",
        "The Compliance API refused this key (403 Forbidden). An Admin API key (sk-ant-admin01-...) cannot read the Compliance API. " + SET_KEY,
      ),
      retry: "none",
    };
  }

  if (status === 401) {
    const m = body.message ?? "";
    const why = /deactivated/i.test(m) ? "has been deactivated" : /expired/i.test(m) ? "has expired" : "is invalid";
    return { error: make("authentication", `The Compliance Access Key ${why}. ${SET_KEY}`), retry: "none" };
  }

  if (status === 404) {
    // API.md: no key or the wrong kind of key gets a bare 404 "Not found" on every endpoint but settings.
    if (path === ORGANIZATIONS_LIST) {
      return {
        error: make("authentication", `The Compliance API did not recognise the access key (it answered "Not found"). ${SET_KEY}`),
        retry: "none",
      };
    }
    return { error: make("not_found", notFoundMessage(path, body.message)), retry: "none" };
  }

  if (status === 400) {
    if (/not enabled/i.test(body.message ?? "")) {
      return {
        error: make(
          "bad_request",
          "The Compliance API is not enabled for this organization. A Primary Owner must enable it in claude.ai Data Management settings (or ask Anthropic to).",
        ),
        retry: "none",
      };
    }
    const detail = upstreamMessage ? ` The Compliance API said: "${upstreamMessage.slice(0, 200)}"` : "";
    return {
      error: make("bad_request", `The Compliance API refused the request as invalid (a bad parameter or an expired page token).${detail} Reload the page to start from the first page.`),
      retry: "none",
    };
  }

  if (status === 429) {
    return {
      error: make(
        "rate_limited",
        `The Compliance API's shared rate limit (600 requests a minute for the whole parent organization, shared with SIEM connectors) stayed exhausted${tries}. Wait a minute and try again.`,
      ),
      retry: "rate_limit",
    };
  }

  if (status >= 500 && ORG_CAP_RE.test(body.message ?? "")) {
    return {
      error: make(
        "org_cap",
        "This parent organization has more than 1,000 organizations, and the Compliance API refuses to list more than 1,000 organizations in one answer. Contact Anthropic support and ask for the paginated organizations list to be enabled for your parent organization.",
      ),
      retry: "none",
    };
  }

  const isTransient = TRANSIENT_STATUSES.has(status) || (status >= 500 && shouldRetry === "true");
  let retry: RetryClass = "none";
  if (shouldRetry !== "false") retry = isTransient ? "transient" : status >= 500 ? "server" : "none";

  if (status === 408) {
    return { error: make("timeout", `The Compliance API timed out on its side (HTTP 408)${tries}. Try again in a few minutes.`), retry };
  }

  if (status >= 500) {
    const what = upstreamType ? `HTTP ${status}, ${upstreamType}` : `HTTP ${status}`;
    return {
      error: make("server", `The Compliance API failed (${what})${tries}. Try again in a few minutes.${withRequestId(requestId)}`),
      retry,
    };
  }

  return {
    error: make(
      "bad_request",
      `The Compliance API answered HTTP ${status}${upstreamType ? ` (${upstreamType})` : ""}, which this dashboard does not expect.${withRequestId(requestId)}`,
    ),
    retry,
  };
}
