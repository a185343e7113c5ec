import { organizationsRoles } from "@/lib/server/directory/tree-answers";
import { treeRead } from "@/lib/server/http/tree-read";

/*
 * GET /api/directory/roles[?as_of=<sync id>]: every organization's roles as one complete sync read
 * them, which name the roles groups grant; `{source: "live"}` before the first
 * (lib/shared/directory/tree-wire.ts). No upstream call.
 */

export const dynamic = "force-dynamic";

export const GET = treeRead(organizationsRoles);
