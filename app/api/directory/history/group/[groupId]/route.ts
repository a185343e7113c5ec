import { answerHistory } from "@/lib/server/changes/history-route";

/* GET /api/directory/history/group/{groupId}: the group's changes, role grants and members, sync by sync. */

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ groupId: string }> }): Promise<Response> {
  const { groupId } = await ctx.params;
  return answerHistory(request, [[groupId, "group"]], (repo) => repo.group(groupId));
}
