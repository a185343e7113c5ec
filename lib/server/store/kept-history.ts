import "server-only";
import type { Query } from "./database";

/*
 * A saved item's numbered history (a seed list's resolutions, a reconciliation's runs): the next
 * number is added under a lock on the item, so concurrent additions number one after another, and
 * only the first and the latest `keep - 1` stay.
 */

export interface KeptHistory {
  /** The item's table; its rows are locked by `id`. */
  items: string;
  /** The history's table, with an int column `number`. */
  versions: string;
  /** The history's column naming the item. */
  itemColumn: string;
  /** How many versions stay: the first and the latest keep - 1. */
  keep: number;
}

/** Inside the caller's transaction: the number added, or null when there is no such item. */
export async function addToKeptHistory(q: Query, h: KeptHistory, id: string, insert: (number: number) => Promise<unknown>): Promise<number | null> {
  const locked = await q(`select id from ${h.items} where id = $1 for update`, [id]);
  if (locked.length === 0) return null;
  const numbers = (await q<{ number: number }>(`select number from ${h.versions} where ${h.itemColumn} = $1 order by number`, [id])).map((r) => Number(r.number));
  const number = (numbers[numbers.length - 1] ?? 0) + 1;
  await insert(number);
  const kept = [...numbers, number];
  const dropped = kept.slice(1, Math.max(1, kept.length - (h.keep - 1)));
  if (dropped.length > 0) await q(`delete from ${h.versions} where ${h.itemColumn} = $1 and number = any($2::int[])`, [id, dropped]);
  return number;
}
