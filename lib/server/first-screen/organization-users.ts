import "server-only";
import { walkLimit } from "@/lib/shared/compliance/endpoints";
import type { UsersFirstScreen } from "@/lib/shared/directory/users-first-screen";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import { parseComplianceRequest } from "@/lib/server/http/compliance-request";
import { readFromDirectory } from "@/lib/server/http/directory-read";
import { storeRecords } from "@/lib/server/directory/store-records";
import { store } from "@/lib/server/store/instance";
import { syncRepository } from "@/lib/server/store/syncs";
import { firstScreen } from "./first-screen";

/**
 * An organization's users page's first screen (lib/server/first-screen): the first page its walk
 * would read, answered as GET /api/directory/organizations/<uuid>/users answers it from the newest
 * sync. That route writes no audit entry for a page of users (an officer's bulk reads are on record
 * where they leave as files: downloads), so neither does this. Only when it is cheap: a complete
 * sync in the store (before one, the route answers from the upstream: the page loads as before),
 * and the page opened without a view in its URL (a search, filter or `as_of` loads in the browser).
 */
export async function organizationUsersFirstScreen(orgUuid: string, params: URLSearchParams): Promise<UsersFirstScreen | null> {
  if (params.size > 0) return null;
  return firstScreen(async (signal) => {
    const segments = ["organizations", orgUuid, "users"];
    const parsed = parseComplianceRequest(segments, new URLSearchParams({ limit: String(walkLimit("organizationUsers")) }));
    if (!parsed.ok) return null;
    if (!(await syncRepository(await store()).newestComplete())) return null;
    const directory = await loadDirectory({ signal });
    const read = readFromDirectory(directory, parsed.request, segments);
    const organization = directory.organizationsByUuid.get(orgUuid);
    if (!read.ok || !("page" in read) || !organization || !directory.sync) return null;
    const all = storeRecords(directory, parsed.request);
    return {
      orgUuid,
      organizationName: organization.name,
      page: read.page,
      total: all.kind === "list" ? all.rows.length : read.page.data.length,
      sync: { id: directory.sync.id, finishedAt: directory.sync.finishedAt },
    };
  });
}
