import "server-only";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import { organizationOverview } from "@/lib/server/directory/tree-answers";
import { storeAnswers } from "@/lib/server/http/directory-read";
import type { StoredOverview } from "@/lib/shared/directory/tree-wire";
import { firstScreen } from "./first-screen";

/**
 * The Overview's first screen (lib/server/first-screen): the answer of GET /api/directory/overview
 * for the newest sync, drawn into the page and seeding its query. Only for the page opened without
 * a view in its URL (a search, a sort or `as_of` loads in the browser) and once a sync is complete;
 * before that the page counts live. Counts only, no people: not audited, as that route is not.
 */
export async function overviewFirstScreen(params: URLSearchParams): Promise<StoredOverview | null> {
  if (params.size > 0) return null;
  return firstScreen(async (signal) => {
    if (!(await storeAnswers(undefined))) return null;
    return organizationOverview(await loadDirectory({ signal }));
  });
}
