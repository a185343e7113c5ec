import { isChangeKind, type Change, type ChangeKind, type ChangeLabels } from "./change";
import { describeChange, groupName, organizationName, personLabel, roleName } from "./describe";
import { widensAccess } from "./widens";

/*
 * A view of the changes between two syncs: the Changes page's filters, the same ones its downloads
 * take as query parameters, so a downloaded file holds exactly the rows on screen.
 */

export interface ChangesView {
  kinds: ChangeKind[];
  orgs: string[];
  groups: string[];
  roles: string[];
  people: string[];
  /** Case-insensitive words anywhere in the change's line, names, ids or emails. */
  q: string;
  /** Only the changes that widen access. */
  widens: boolean;
}

export const EMPTY_VIEW: ChangesView = { kinds: [], orgs: [], groups: [], roles: [], people: [], q: "", widens: false };

/** Query parameter of each list filter (a comma-separated list). */
export const VIEW_LIST_PARAMS = { kinds: "kind", orgs: "org", groups: "group", roles: "role", people: "person" } as const;
export const VIEW_PARAMS = [...Object.values(VIEW_LIST_PARAMS), "q", "widens"] as const;

/** What one change is about, in words, for search. */
export function searchText(c: Change, labels: ChangeLabels): string {
  const r = { ...(c.before && typeof c.before === "object" ? c.before : {}), ...(c.after && typeof c.after === "object" ? c.after : {}) } as Record<string, unknown>;
  return [
    describeChange(c, labels),
    c.kind,
    c.organization_uuid,
    c.user_id,
    c.group_id,
    c.role_id,
    c.setting,
    organizationName(c, labels),
    groupName(c, labels),
    roleName(c, labels),
    personLabel(c),
    typeof r.email === "string" ? r.email : undefined,
  ]
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
}

export function matchesView(c: Change, view: ChangesView, labels: ChangeLabels): boolean {
  if (view.kinds.length && !view.kinds.includes(c.kind)) return false;
  if (view.orgs.length && !view.orgs.includes(c.organization_uuid ?? "")) return false;
  if (view.groups.length && !view.groups.includes(c.group_id ?? "")) return false;
  if (view.roles.length && !view.roles.includes(c.role_id ?? "")) return false;
  if (view.people.length && !view.people.includes(c.user_id ?? "")) return false;
  if (view.widens && !widensAccess(c, labels)) return false;
  const q = view.q.trim().toLowerCase();
  if (q && !q.split(/\s+/).every((w) => searchText(c, labels).includes(w))) return false;
  return true;
}

export type ViewParse = { ok: true; view: ChangesView } | { ok: false; message: string };

const MAX_VALUES = 200;
const MAX_VALUE_LENGTH = 200;

/** Reads a view from query parameters (the downloads); unknown kinds and oversized values are refused. */
export function parseView(params: URLSearchParams): ViewParse {
  const view: ChangesView = { ...EMPTY_VIEW, kinds: [], orgs: [], groups: [], roles: [], people: [] };
  for (const [field, param] of Object.entries(VIEW_LIST_PARAMS) as [keyof typeof VIEW_LIST_PARAMS, string][]) {
    const values = params.getAll(param).flatMap((v) => v.split(",")).filter((v) => v !== "");
    if (values.length > MAX_VALUES) return { ok: false, message: `At most ${MAX_VALUES} values of "${param}" are accepted.` };
    for (const v of values) {
      if (v.length > MAX_VALUE_LENGTH) return { ok: false, message: `A "${param}" value is longer than ${MAX_VALUE_LENGTH} characters; give an id.` };
      if (field === "kinds" && !isChangeKind(v)) return { ok: false, message: `kind must be one of the change kinds of CONTRACT.md (member_joined, setting_changed, ...); "${v.replace(/[^\x20-\x7e]/g, "?").slice(0, 40)}" is not one.` };
    }
    (view[field] as string[]) = values;
  }
  const q = params.getAll("q");
  if (q.length > 1) return { ok: false, message: `Query parameter "q" was given more than once; give it once.` };
  if ((q[0] ?? "").length > 1000) return { ok: false, message: "The search is longer than 1,000 characters; shorten it." };
  view.q = q[0] ?? "";
  const widens = params.getAll("widens");
  if (widens.length > 1 || (widens[0] !== undefined && widens[0] !== "1" && widens[0] !== "0")) return { ok: false, message: `widens takes 1 (only changes that widen access) or 0.` };
  view.widens = widens[0] === "1";
  return { ok: true, view };
}

/** The view as query parameters (the page builds its download links with it). */
export function viewParams(view: ChangesView): URLSearchParams {
  const p = new URLSearchParams();
  // Comma lists, not repeated keys: every route refuses a parameter given twice.
  for (const [field, param] of Object.entries(VIEW_LIST_PARAMS) as [keyof typeof VIEW_LIST_PARAMS, string][]) if (view[field].length) p.set(param, view[field].join(","));
  if (view.q.trim()) p.set("q", view.q.trim());
  if (view.widens) p.set("widens", "1");
  return p;
}

/** A short name for a file of this view: `changes_<from>_<to>[_widening][_filtered]`. */
export function viewFileBase(fromId: string, toId: string, view: ChangesView): string {
  const filtered = view.kinds.length + view.orgs.length + view.groups.length + view.roles.length + view.people.length > 0 || view.q.trim() !== "";
  const kinds = view.kinds.length === 1 ? `_${view.kinds[0]}` : "";
  return `changes_${fromId}_${toId}${kinds}${view.widens ? "_widening" : ""}${filtered && !kinds ? "_filtered" : ""}`;
}
