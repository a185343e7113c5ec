/*
 * Handing selected rows from another table (People, a group's members) to the Seed lists page.
 * Short selections travel in the URL (`/seed-lists?add=user_a,user_b&from=People`), so the link
 * can be shared; long ones in sessionStorage (`/seed-lists?handoff=1&from=People`; the tab's
 * storage, replaced by the next hand-off, so a reload of the page still finds it). Either way the ids arrive as a "selection" source the officer sees and can remove.
 *
 *   router.push(seedListHandOffHref(selectedIds, "People"));
 */

export const SEED_LIST_HANDOFF_KEY = "compliance-directory.seed-list-handoff";
const MAX_URL_IDS_LENGTH = 1800;

export interface SeedListHandOff {
  label: string;
  ids: string[];
}

export function seedListHandOffHref(ids: readonly string[], label: string): string {
  const from = `from=${encodeURIComponent(label)}`;
  const joined = ids.join(",");
  if (joined.length <= MAX_URL_IDS_LENGTH) return `/seed-lists?add=${encodeURIComponent(joined)}&${from}`;
  window.sessionStorage.setItem(SEED_LIST_HANDOFF_KEY, JSON.stringify({ label, ids }));
  return `/seed-lists?handoff=1&${from}`;
}

/** The hand-off this page was opened with, if any. */
export function readSeedListHandOff(params: Pick<URLSearchParams, "get">, storage?: Pick<Storage, "getItem">): SeedListHandOff | null {
  const label = params.get("from")?.trim() || "another table";
  const add = params.get("add");
  if (add) {
    const ids = add.split(",").map((s) => s.trim()).filter(Boolean);
    return ids.length ? { label, ids } : null;
  }
  if (params.get("handoff") === "1" && storage) {
    const raw = storage.getItem(SEED_LIST_HANDOFF_KEY);
    if (!raw) return null;
    try {
      const v = JSON.parse(raw) as Partial<SeedListHandOff>;
      if (Array.isArray(v.ids) && v.ids.every((x) => typeof x === "string")) return { label: typeof v.label === "string" ? v.label : label, ids: v.ids };
    } catch {
      /* a damaged hand-off is ignored: the page opens empty */
    }
  }
  return null;
}
