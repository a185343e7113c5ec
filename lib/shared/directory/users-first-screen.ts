/*
 * An organization's users page as the server renders it first (lib/server/first-screen): the
 * walk's first page, exactly as GET /api/directory/organizations/<uuid>/users answers the walk's
 * first request, so the table starts from it and its walk continues with the page's `next_page`.
 */

export interface UsersFirstScreen {
  orgUuid: string;
  organizationName: string;
  /** The route's answer (records as the sync stored them); the browser parses it with the walk's schema. */
  page: { data: unknown[]; has_more: boolean; next_page: string | null };
  /** Users of the organization in that sync (the note under the first rows says "of N"). */
  total: number;
  /** The sync it was read from, as the route's `x-directory-sync` / `x-directory-as-of` say. */
  sync: { id: string; finishedAt: string };
}
