import { organizationsSettings } from "@/lib/server/directory/tree-answers";
import { treeRead } from "@/lib/server/http/tree-read";

/*
 * GET /api/directory/settings[?as_of=<sync id>]: every organization's effective settings as one
 * complete sync read them, for the settings comparison; `{source: "live"}` before the first
 * (lib/shared/directory/tree-wire.ts). No upstream call.
 */

export const dynamic = "force-dynamic";

export const GET = treeRead(organizationsSettings);
