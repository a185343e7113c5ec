import type { z } from "zod";
import { appErrorBodySchema } from "@/lib/shared/compliance/schemas";

/*
 * Every failure the browser sees, whether the app's route answered with its error shape
 * (CONTRACT.md) or the request never got an answer, becomes one ApiError. Pages switch on `type`
 * and show `message` (written by the server for an officer) and `requestId` (what support asks for).
 */

export interface ApiErrorInit {
  type: string;
  message: string;
  /** The app's HTTP status; 0 when no answer came back. */
  status: number;
  upstreamStatus?: number;
  requestId?: string;
}

export class ApiError extends Error {
  readonly type: string;
  readonly status: number;
  readonly upstreamStatus?: number;
  readonly requestId?: string;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = "ApiError";
    this.type = init.type;
    this.status = init.status;
    this.upstreamStatus = init.upstreamStatus;
    this.requestId = init.requestId;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

export function isAbortError(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "AbortError";
}

/** Any thrown value as an ApiError, so the error views need one shape only. */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  return new ApiError({
    type: "client_error",
    status: 0,
    message: e instanceof Error ? e.message : "Something went wrong in the browser. Reload the page and try again.",
  });
}

/** A query's or mutation's error to show the officer: none for no error, or for one the officer caused by cancelling. */
export function shownError(e: unknown): ApiError | null {
  return e && !isAbortError(e) ? toApiError(e) : null;
}

type AppErrorBody = z.infer<typeof appErrorBodySchema>["error"];

/** The app's error shape (an answer's body, or an error line in a stream) as an ApiError. */
export function apiErrorFromBody(error: AppErrorBody, status: number, headerRequestId?: string): ApiError {
  return new ApiError({ type: error.type, message: error.message, status, upstreamStatus: error.upstream_status, requestId: error.request_id ?? headerRequestId });
}

/** No answer at all: the request never reached the server, or the answer never came back. */
export const networkError = (message = "No answer from the dashboard server. Check your network connection, then retry.") =>
  new ApiError({ type: "network", status: 0, message });

/** A refusal (any non-2xx answer) as an ApiError: the server's own words when it sent its error shape. */
export function apiErrorFromAnswer(status: number, body: unknown, headerRequestId?: string): ApiError {
  const parsed = appErrorBodySchema.safeParse(body);
  if (parsed.success) return apiErrorFromBody(parsed.data.error, status, headerRequestId);
  return new ApiError({
    type: status === 401 ? "authentication_required" : "http_error",
    status,
    requestId: headerRequestId,
    message:
      status === 401
        ? "Your session has ended. Log in again."
        : `The dashboard server answered HTTP ${status} without an explanation. Retry; if it persists, check the server log.`,
  });
}

/** A short headline naming the cause in the officer's words; the message below it says what to do. */
export function errorHeadline(e: ApiError): string {
  switch (e.type) {
    case "upstream_permission":
      return "The Compliance Access Key lacks a scope";
    case "upstream_authentication":
      return "The Compliance API refused the access key";
    case "upstream_rate_limited":
      return "The Compliance API's rate limit is used up";
    case "upstream_org_cap":
      return "The tree holds more than 1,000 organizations";
    case "upstream_not_found":
    case "not_found":
      return "Not found";
    case "upstream_timeout":
    case "upstream_network":
    case "upstream_server":
      return "The Compliance API is not answering";
    case "upstream_malformed":
    case "malformed_response":
      return "An answer could not be read";
    case "upstream_pagination":
    case "pagination":
      return "The pages of a list did not add up";
    case "authentication_required":
      return "Your session has ended";
    case "forbidden":
      return "Your dashboard role does not allow this";
    case "network":
      return "The dashboard server cannot be reached";
    case "invalid_request":
      return "The request was refused";
    default:
      return e.status >= 500 ? "The dashboard server failed" : "Something went wrong";
  }
}
