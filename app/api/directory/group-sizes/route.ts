import { groupSizes } from "@/lib/server/directory/tree-answers";
import { treeRead } from "@/lib/server/http/tree-read";

/*
 * GET /api/directory/group-sizes[?as_of=<sync id>]: every group's member count in one complete sync;
 * `{source: "live"}` before the first (lib/shared/directory/tree-wire.ts). No upstream call.
 */

export const dynamic = "force-dynamic";

export const GET = treeRead(groupSizes);
