import { directoryRead } from "@/lib/server/http/directory-read";

/* GET /api/directory/organizations[/...]: the upstream's organizations paths, served from the store (lib/server/http/directory-read.ts). */

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ path?: string[] }> }): Promise<Response> {
  const { path = [] } = await ctx.params;
  return directoryRead(request, ["organizations", ...path]);
}
