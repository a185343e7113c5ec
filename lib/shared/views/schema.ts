import { z } from "zod";
import { savedWorkFields } from "@/lib/shared/saved-work-schema";

/*
 * Saved table views (issue 12, item 4): the URL is the view (nuqs keeps every table's state in the
 * query string), so a view is a page path and its query string under a name. Only the app's own
 * pages: the path is a plain absolute path (no scheme, no `//host`, no `..`, no API route), the
 * query printable and bounded, so a shared view can only ever open a page of this dashboard.
 */

export const MAX_VIEW_NAME = 100;
export const MAX_VIEW_PATH = 300;
export const MAX_VIEW_QUERY = 2000;
export const VIEW_ID_RE = /^vw_[A-Za-z0-9_-]{8,64}$/;

// Segments of letters, digits and URL-safe punctuation (percent-escapes included), each non-empty.
const PATH_RE = /^(?:\/[A-Za-z0-9._~%@:+-]+)+$|^\/$/;
// Printable ASCII except "#" (a fragment is not part of the view) and spaces (they are escaped).
const QUERY_RE = /^[!"\x24-\x7e]*$/;

export const viewPathSchema = z
  .string()
  .max(MAX_VIEW_PATH, `A view's path holds at most ${MAX_VIEW_PATH} characters.`)
  .regex(PATH_RE, "A view's path is one of this dashboard's pages, like /people.")
  .refine((p) => !p.split("/").some((s) => s === "." || s === ".."), "A view's path may not contain . or .. segments.")
  .refine((p) => p !== "/api" && !p.startsWith("/api/") && !p.startsWith("/_next"), "A view opens a page, not an API route.");

export const viewQuerySchema = z
  .string()
  .max(MAX_VIEW_QUERY, `A view's query string holds at most ${MAX_VIEW_QUERY} characters.`)
  .regex(QUERY_RE, "A view's query string is the part of the page's address after ?, without # or spaces.")
  .transform((q) => q.replace(/^\?/, ""));

export const saveViewRequestSchema = z
  .object({
    name: z.string().trim().min(1, "Give the view a name.").max(MAX_VIEW_NAME, `A name holds at most ${MAX_VIEW_NAME} characters.`),
    path: viewPathSchema,
    query: viewQuerySchema,
  })
  .strict();
export type SaveViewRequest = z.infer<typeof saveViewRequestSchema>;

export const savedViewSchema = z.object({ ...savedWorkFields(VIEW_ID_RE), path: z.string(), query: z.string() });
export type SavedView = z.infer<typeof savedViewSchema>;

export const savedViewListSchema = z.object({ views: z.array(savedViewSchema) });

/** The view's address inside the app: path plus query. */
export const viewHref = (v: Pick<SavedView, "path" | "query">) => (v.query ? `${v.path}?${v.query}` : v.path);
