/** The one navigation (UX.md), in the order officers use it. */
export interface NavItem {
  href: string;
  label: string;
  /** Which paths light this item up. */
  match: (pathname: string) => boolean;
  /** Shown only to officers with this role (the audit log is for exporters: README, Officers' roles). */
  role?: "exporter";
}

const under = (prefix: string) => (p: string) => p === prefix || p.startsWith(`${prefix}/`);

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", match: (p) => p === "/" },
  { href: "/people", label: "People", match: under("/people") },
  { href: "/organizations", label: "Organizations", match: under("/organizations") },
  { href: "/groups", label: "Groups", match: under("/groups") },
  { href: "/changes", label: "Changes", match: under("/changes") },
  { href: "/privileged", label: "Privileged access", match: under("/privileged") },
  { href: "/settings/compare", label: "Settings drift", match: under("/settings") },
  { href: "/seed-lists", label: "Seed lists", match: under("/seed-lists") },
  { href: "/reconciliation", label: "Reconciliation", match: under("/reconciliation") },
  { href: "/exports", label: "Exports", match: under("/exports") },
  { href: "/audit", label: "Audit", match: under("/audit"), role: "exporter" },
];

/** The items an officer with `role` sees (all of them while the role is not known yet). */
export function navItemsFor(role: string | undefined): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.role || role === undefined || role === item.role);
}
