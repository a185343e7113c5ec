export const dynamic = "force-dynamic";

/** Liveness for load balancers: no session, no upstream call, nothing that could be slow. */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
