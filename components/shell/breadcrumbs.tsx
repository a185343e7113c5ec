"use client";

import { AppLink } from "./app-link";
import { usePathname } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { isOrganizationUuid } from "@/lib/shared/compliance/ids";
import { groupQuery, groupsQuery, organizationRolesQuery, organizationsQuery, roleQuery } from "@/lib/browser/query/compliance-queries";
import { breadcrumbTrail } from "./breadcrumb-trail";
import { directorySearchQuery } from "./directory-search-query";
import { isUserId } from "@/lib/shared/directory/entries";
import type { SearchKind } from "@/lib/shared/directory/search-wire";
import { usePermissionCrumb } from "@/components/roles/permission-crumb";

function segment(pathname: string, i: number): string {
  const s = pathname.split("/").filter(Boolean)[i] ?? "";
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Names for the trail. The organization list is fetched (one call, shared with every page); role and
 * group names are read from what pages already loaded, and what they have not (and a person's name)
 * from the search route by exact id.
 */
function useCrumbNames(pathname: string) {
  const top = segment(pathname, 0);
  const org = top === "organizations" ? segment(pathname, 1) : "";
  const roleId = top === "organizations" && segment(pathname, 2) === "roles" ? segment(pathname, 3) : "";
  const groupId = top === "groups" ? segment(pathname, 1) : "";
  const validOrg = isOrganizationUuid(org);

  const orgs = useQuery({ ...organizationsQuery(), enabled: validOrg });
  const roles = useQuery({ ...organizationRolesQuery(validOrg ? org : "none"), enabled: false });
  const role = useQuery({ ...roleQuery(validOrg ? org : "none", roleId || "none"), enabled: false });
  const groups = useQuery({ ...groupsQuery(), enabled: false });
  const group = useQuery({ ...groupQuery(groupId || "none"), enabled: false });
  const personId = top === "people" ? segment(pathname, 1) : "";

  const cachedRole = role.data?.id === roleId ? role.data.name : roles.data?.rows.find((r) => r.id === roleId)?.name;
  const cachedGroup = group.data?.id === groupId ? group.data.name : groups.data?.rows.find((g) => g.id === groupId)?.name;
  // What no page has loaded yet (a person, a group or role opened from a link): one look-up of the id
  // in the sync's search index, answered from memory on the server.
  const lookup = isUserId(personId) ? personId : roleId && !cachedRole ? roleId : groupId && !cachedGroup ? groupId : "";
  const found = useQuery({ ...directorySearchQuery(lookup), enabled: lookup !== "" });
  const foundName = (kind: SearchKind, id: string) => {
    const r = found.data?.results.find((x) => x.kind === kind && x.id === id && x.match === "exact");
    return r && r.label !== r.detail ? r.label : r?.label;
  };

  return useMemo(
    () => ({
      organization: (uuid: string) => orgs.data?.rows.find((o) => o.uuid === uuid)?.name,
      role: (_org: string, id: string) => (id === roleId && cachedRole) || foundName("role", id),
      group: (id: string) => (id === groupId && cachedGroup) || foundName("group", id),
      person: (id: string) => foundName("person", id),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [orgs.data, cachedRole, cachedGroup, roleId, groupId, found.data],
  );
}

export function Breadcrumbs() {
  const pathname = usePathname();
  const names = useCrumbNames(pathname);
  const trail = usePermissionCrumb(pathname, breadcrumbTrail(pathname, names));
  return (
    <nav aria-label="Breadcrumb" className="min-w-0">
      <ol className="flex min-w-0 items-center gap-1 text-sm text-slate-600">
        {trail.map((c, i) => (
          <li key={i} className="flex min-w-0 items-center gap-1">
            {i > 0 && (
              <span aria-hidden="true" className="text-slate-400">
                ›
              </span>
            )}
            {c.href ? (
              <AppLink href={c.href} className={`truncate hover:text-slate-900 hover:underline ${c.mono ? "font-mono text-xs" : ""}`}>
                {c.label}
              </AppLink>
            ) : (
              <span aria-current="page" className={`truncate font-medium text-slate-900 ${c.mono ? "font-mono text-xs" : ""}`}>
                {c.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
