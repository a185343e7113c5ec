import { z } from "zod";

/** What every piece of an officer's saved work (view, seed list, reconciliation) records about itself. */
export const savedWorkFields = (idRe: RegExp) => ({
  id: z.string().regex(idRe),
  name: z.string(),
  created_by: z.string(),
  created_at: z.string(),
});
