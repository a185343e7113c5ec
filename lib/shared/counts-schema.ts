import { z } from "zod";

/**
 * An object holding one number per key: the tallies several reports send (reconciliation,
 * seed-list resolution, directory, privileged access). `each` is the number schema every key
 * gets (whole numbers where the sender only ever counts, any number where it was never checked).
 */
export function countsSchema<const K extends string>(keys: readonly K[], each: z.ZodNumber = z.number()) {
  return z.object(Object.fromEntries(keys.map((key) => [key, each])) as { [P in K]: z.ZodNumber });
}
