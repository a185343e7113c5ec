import { answerHistory } from "@/lib/server/changes/history-route";

/* GET /api/directory/history/settings/{orgUuid}: every setting of the organization set, changed or no longer listed. */

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ orgUuid: string }> }): Promise<Response> {
  const { orgUuid } = await ctx.params;
  return answerHistory(request, [[orgUuid, "organization"]], (repo) => repo.settings(orgUuid));
}
