import { answerHistory } from "@/lib/server/changes/history-route";

/* GET /api/directory/history/person/{userId}: organizations joined and left, role, name and email changes, groups added and removed. */

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ userId: string }> }): Promise<Response> {
  const { userId } = await ctx.params;
  return answerHistory(request, [[userId, "user"]], (repo) => repo.person(userId));
}
