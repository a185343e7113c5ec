import type { PersonDetail } from "@/lib/shared/directory/wire";
import { organizationRoleLabel } from "@/lib/shared/format/organization-roles";

/*
 * What one person holds that another does not, category by category: the question behind
 * "give the new hire what their colleague has" and "why can A see this and B not".
 */

export interface HeldItem {
  key: string;
  label: string;
  /** Where it comes from, in words ("via Engineering → Compliance Reviewer"). */
  detail?: string;
}

export interface CategoryDiff {
  category: "organizations" | "organizationRoles" | "groups" | "roles" | "permissions";
  title: string;
  onlyA: HeldItem[];
  onlyB: HeldItem[];
  both: HeldItem[];
}

export const permissionLabel = (p: { action: string; resource_type: string; resource_id: string | null }) =>
  `${p.action} on ${p.resource_type}${p.resource_id ? ` ${p.resource_id}` : ""}`;

export const pathLabel = (path: { group: { name: string }; role: { name: string } }) => `${path.group.name} → ${path.role.name}`;

function holdings(d: PersonDetail): Record<CategoryDiff["category"], Map<string, HeldItem>> {
  const map = (items: HeldItem[]) => new Map(items.map((i) => [i.key, i]));
  return {
    organizations: map(d.organizations.map((o) => ({ key: o.uuid, label: o.name }))),
    organizationRoles: map(
      d.organizations.map((o) => ({ key: `${o.uuid}/${o.organization_role}`, label: `${organizationRoleLabel(o.organization_role)} in ${o.name}` })),
    ),
    groups: map(d.groups.map((g) => ({ key: g.id, label: g.name, detail: `source: ${g.source_type}` }))),
    roles: map(
      d.roles.map((r) => ({
        key: r.id,
        label: `${r.name} (${r.organization.name})`,
        detail: `via ${r.via_groups.map((g) => g.name).join(", ")}`,
      })),
    ),
    permissions: map(
      d.permissions.map((p) => ({
        key: `${p.action}\u0000${p.resource_type}\u0000${p.resource_id ?? ""}`,
        label: permissionLabel(p),
        detail: `via ${p.paths.map(pathLabel).join("; ")}`,
      })),
    ),
  };
}

const TITLES: Record<CategoryDiff["category"], string> = {
  organizations: "Organizations",
  organizationRoles: "Organization roles (direct)",
  groups: "Groups",
  roles: "Roles (via group)",
  permissions: "Permissions",
};

export function comparePeople(a: PersonDetail, b: PersonDetail): CategoryDiff[] {
  const ha = holdings(a);
  const hb = holdings(b);
  const byLabel = (x: HeldItem, y: HeldItem) => x.label.localeCompare(y.label);
  return (Object.keys(TITLES) as CategoryDiff["category"][]).map((category) => {
    const ma = ha[category];
    const mb = hb[category];
    return {
      category,
      title: TITLES[category],
      onlyA: [...ma.values()].filter((i) => !mb.has(i.key)).sort(byLabel),
      onlyB: [...mb.values()].filter((i) => !ma.has(i.key)).sort(byLabel),
      // "Both" shows A's path; B's may differ, which the detail pages show.
      both: [...ma.values()].filter((i) => mb.has(i.key)).sort(byLabel),
    };
  });
}

/** True when some role's permissions could not be loaded: a comparison of permissions is then incomplete. */
export function permissionsIncomplete(d: PersonDetail): boolean {
  return d.roles.some((r) => r.permissions === null);
}
