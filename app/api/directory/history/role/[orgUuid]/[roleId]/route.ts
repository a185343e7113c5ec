import { answerHistory } from "@/lib/server/changes/history-route";

/* GET /api/directory/history/role/{orgUuid}/{roleId}: the role's changes, permissions and the groups granted it. */

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ orgUuid: string; roleId: string }> }): Promise<Response> {
  const { orgUuid, roleId } = await ctx.params;
  return answerHistory(request, [[orgUuid, "organization"], [roleId, "role"]], (repo) => repo.role(orgUuid, roleId));
}
