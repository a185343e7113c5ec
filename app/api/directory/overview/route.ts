import { organizationOverview } from "@/lib/server/directory/tree-answers";
import { treeRead } from "@/lib/server/http/tree-read";

/*
 * GET /api/directory/overview[?as_of=<sync id>]: every organization with its users, roles, groups and
 * summarised settings, and the tree's totals, counted from one complete sync; `{source: "live"}`
 * before the first (lib/shared/directory/tree-wire.ts). No upstream call.
 */

export const dynamic = "force-dynamic";

export const GET = treeRead(organizationOverview);
