import { missingGroupMessage } from "@/lib/server/directory/store-records";
import { groupMembersJoined } from "@/lib/server/directory/tree-answers";
import { jsonError } from "@/lib/server/http/error-response";
import { checkId } from "@/lib/server/http/id-check";
import { treeRead } from "@/lib/server/http/tree-read";

/*
 * GET /api/directory/group-members/{groupId}[?as_of=<sync id>]: the group and its members with the
 * names and organizations the members list lacks, joined from one complete sync; `{source: "live"}`
 * before the first (lib/shared/directory/tree-wire.ts). No upstream call. Not audited, as the
 * group's members route is not: a download of them is (POST /api/downloads/table).
 */

export const dynamic = "force-dynamic";

export const GET = treeRead<{ groupId: string }>(
  (directory, { groupId }) => groupMembersJoined(directory, groupId) ?? jsonError(404, "not_found", missingGroupMessage(directory, groupId)),
  ({ groupId }) => checkId(groupId, "group"),
);
