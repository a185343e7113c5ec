import { z } from "zod";

/*
 * GET /api/directory/search?q=...[&as_of=<sync id>]: what the header's search box offers. Results
 * are ranked (an exact id or email first), at most SEARCH_LIMIT, grouped by kind (the kind with
 * the best match first). Isomorphic: the route builds these shapes, the combobox parses them.
 */

export const SEARCH_KINDS = ["person", "organization", "group", "role"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Most results one answer carries: a box to jump from, not a list to read. */
export const SEARCH_LIMIT = 20;
/** Longest query accepted: longer than any id, email or name the directory holds. */
export const SEARCH_MAX_LENGTH = 200;

export const searchResultSchema = z.object({
  kind: z.enum(SEARCH_KINDS),
  /** user_..., organization uuid, group id, role id. */
  id: z.string(),
  /** The name to show (a person without a name shows their email). */
  label: z.string(),
  /** A second line: the email of a person, the organization of a role, a group's source. */
  detail: z.string(),
  /** The role's organization (the role page's path needs it). */
  organization_uuid: z.string().optional(),
  /** How it matched: exact id or email, exact name, start of a word, or anywhere. */
  match: z.enum(["exact", "name", "prefix", "word", "contains"]),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchAnswerSchema = z.object({
  query: z.string(),
  results: z.array(searchResultSchema),
  /** Every match found, of which `results` are the best SEARCH_LIMIT. */
  total: z.number(),
  sync: z.string().optional(),
});
export type SearchAnswer = z.infer<typeof searchAnswerSchema>;
