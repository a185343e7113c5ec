/*
 * The trail for a path: Organizations › Acme › Roles › Compliance Reviewer › Permissions.
 * Pure: names come from a resolver (what the page caches know), ids stand in until they are known.
 */

export interface Crumb {
  label: string;
  href?: string;
  /** The label is an id (shown in monospace). */
  mono?: boolean;
}

export interface CrumbNames {
  organization?: (uuid: string) => string | undefined;
  role?: (orgUuid: string, roleId: string) => string | undefined;
  group?: (groupId: string) => string | undefined;
  person?: (userId: string) => string | undefined;
}

const WORDS: Record<string, string> = {
  users: "Users",
  roles: "Roles",
  settings: "Settings",
  permissions: "Permissions",
  members: "Members",
  compare: "Compare",
  "seed-lists": "Seed lists",
};

function words(segment: string): string {
  if (WORDS[segment]) return WORDS[segment];
  const s = segment.replace(/[-_]+/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const named = (name: string | undefined, id: string): Pick<Crumb, "label" | "mono"> => (name ? { label: name } : { label: id, mono: true });

export function breadcrumbTrail(pathname: string, names: CrumbNames = {}): Crumb[] {
  const parts = pathname.split("/").filter(Boolean).map(decode);
  if (parts.length === 0) return [{ label: "Overview" }];
  const [top, ...rest] = parts;
  const trail: Crumb[] = [];

  if (top === "organizations") {
    trail.push({ label: "Organizations", href: "/organizations" });
    const [org, section, roleId, sub, ...more] = rest;
    if (org) {
      const base = `/organizations/${encodeURIComponent(org)}`;
      trail.push({ ...named(names.organization?.(org), org), href: `${base}/users` });
      if (section) {
        trail.push({ label: words(section), href: `${base}/${section}` });
        if (section === "roles" && roleId) {
          trail.push({ ...named(names.role?.(org, roleId), roleId), href: `${base}/roles/${encodeURIComponent(roleId)}` });
          if (sub) trail.push({ label: words(sub), href: `${base}/roles/${encodeURIComponent(roleId)}/${sub}` });
        } else if (roleId) trail.push({ label: words(roleId), href: `${base}/${section}/${roleId}` });
      }
      for (const m of more) trail.push({ label: words(m) });
    }
  } else if (top === "groups") {
    trail.push({ label: "Groups", href: "/groups" });
    const [group, sub] = rest;
    if (group) trail.push({ ...named(names.group?.(group), group), href: `/groups/${encodeURIComponent(group)}` });
    if (group && sub) trail.push({ label: words(sub), href: `/groups/${encodeURIComponent(group)}/${sub}` });
  } else if (top === "people") {
    trail.push({ label: "People", href: "/people" });
    const [person, sub] = rest;
    if (person) trail.push({ ...named(names.person?.(person), person), href: `/people/${encodeURIComponent(person)}` });
    if (person && sub) trail.push({ label: words(sub) });
  } else {
    let href = "";
    for (const p of parts) {
      href += `/${encodeURIComponent(p)}`;
      // An opaque id (a saved seed list's `sl_...`) is shown as it is, not turned into words.
      trail.push(/^[a-z]+_[A-Za-z0-9_-]{8,}$/.test(p) ? { label: p, mono: true, href } : { label: words(p), href });
    }
  }

  // The last crumb is where the officer is: not a link.
  const last = trail[trail.length - 1];
  if (last) delete last.href;
  return trail;
}
