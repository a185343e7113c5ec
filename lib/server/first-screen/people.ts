import "server-only";
import { recordViewOrRefuse } from "@/lib/server/audit/view-audit";
import { answerPeopleQuery, preparePeopleQuery } from "@/lib/server/directory/people-query";
import { loadDirectory } from "@/lib/server/directory/snapshot";
import { requirePageSession } from "@/lib/server/session/session";
import { PEOPLE_DEFAULT_SORT, PEOPLE_WINDOW, peopleQueryFromParams, peopleQueryParams, type PeopleFirstScreen } from "@/lib/shared/directory/people-query-wire";
import { firstScreen } from "./first-screen";

/**
 * People's first screen (lib/server/first-screen): the first window of the default view from the
 * newest sync, on record as the route's answers are (a "view" of directory/people). Only for the
 * page opened without a view in its URL: a search, filter, sort or `as_of` loads in the browser.
 */
export async function peopleFirstScreen(params: URLSearchParams): Promise<PeopleFirstScreen | null> {
  if (params.size > 0) return null;
  const session = await requirePageSession();
  return firstScreen(
    async (signal) => {
      const view = { sort: PEOPLE_DEFAULT_SORT };
      const parsed = peopleQueryFromParams(peopleQueryParams({ ...view, limit: PEOPLE_WINDOW, facets: false }));
      if (!parsed.ok) throw new Error(parsed.message);
      const directory = await loadDirectory({ signal });
      await preparePeopleQuery(directory);
      const syncId = directory.sync?.id;
      // Refused (the audit log cannot be written): no rows in the page; its own request then meets the 503.
      if (await recordViewOrRefuse({ actor: session.officer.name, target: "directory/people", syncId, version: syncId ? undefined : `built-${directory.builtAt}` })) return null;
      return { viewKey: peopleQueryParams(view).toString(), answer: answerPeopleQuery(directory, parsed.query) };
    },
    { session: async () => session },
  );
}
