import "server-only";
import type { z } from "zod";
import { answerSchemaOf, endpointPath, type ComplianceRequest, type EndpointAnswer } from "@/lib/shared/compliance/endpoints";
import type { GetOptions, Query, UpstreamAnswer, UpstreamClient } from "./client";
import { UpstreamError } from "./errors";
import { upstream } from "./instance";

/*
 * One request to one upstream endpoint, as the endpoint table (lib/shared/compliance/endpoints.ts)
 * describes it: path, documented parameters, schema. Ids were checked where the request entered
 * the app; here they are only made safe as path segments, so no id can reach another path.
 * Unknown parameters get 400 upstream, so only documented ones are sent.
 */

export interface CallOptions extends GetOptions {
  /** Defaults to the process-wide client; tests and benchmarks pass their own. */
  client?: UpstreamClient;
}

export interface UpstreamRequest<S extends z.ZodType = z.ZodType> {
  path: string;
  query: Query;
  schema: S;
}

const BASE = "/v1/compliance";

/** One path segment: percent-encoded, never empty or a dot segment (which URL parsing would resolve). */
export function segment(id: string): string {
  if (typeof id !== "string" || id === "" || id === "." || id === "..") {
    throw new UpstreamError({
      kind: "bad_request",
      message: "An empty or relative id cannot be looked up; check the link you followed.",
      path: "(refused)",
    });
  }
  return encodeURIComponent(id);
}

/** The upstream path, query and answer schema of one request. */
export function upstreamRequest<R extends ComplianceRequest>(req: R): UpstreamRequest<z.ZodType<EndpointAnswer<R["endpoint"]>>> {
  return {
    path: `${BASE}/${endpointPath(req, segment)}`,
    query: { ...req.query },
    schema: answerSchemaOf(req.endpoint as R["endpoint"]),
  };
}

/** Runs one request through the client, keeping the answer's request id and fetch time. */
export async function answerOf<R extends ComplianceRequest>(req: R, opts: CallOptions = {}): Promise<UpstreamAnswer<EndpointAnswer<R["endpoint"]>>> {
  // Built inside the promise so an unsafe id rejects rather than throws.
  const r = upstreamRequest(req);
  const { client, ...getOpts } = opts;
  return (client ?? upstream()).get(r.path, r.query, r.schema, getOpts);
}

/** The upstream's body for one request. */
export async function bodyOf<R extends ComplianceRequest>(req: R, opts: CallOptions = {}): Promise<EndpointAnswer<R["endpoint"]>> {
  return (await answerOf(req, opts)).data;
}
