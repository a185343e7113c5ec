"use client";
import { useQuery } from "@tanstack/react-query";
import { useQueryState } from "nuqs";
import type { Crumb } from "@/components/shell/breadcrumb-trail";
import { isOrganizationUuid } from "@/lib/shared/compliance/ids";
import { rolePermissionsQuery } from "@/lib/browser/query/compliance-queries";
import { pageParam } from "@/components/data-table/url-parsers";

/*
 * The last step of organization → role → permission: on a role page with a permission open
 * (`?perm=N`, its position in the API's order), the trail gains that permission and the role crumb
 * becomes a link back. The action is read from the permissions the page already loaded (no request).
 */
export function usePermissionCrumb(pathname: string, trail: Crumb[]): Crumb[] {
  const [perm] = useQueryState("perm", pageParam);
  const parts = pathname.split("/").filter(Boolean);
  const onRole = parts.length === 4 && parts[0] === "organizations" && parts[2] === "roles" && isOrganizationUuid(parts[1] ?? "");
  const orgUuid = onRole ? parts[1]! : "none";
  const roleId = onRole ? safeDecode(parts[3]!) : "none";
  const permissions = useQuery({ ...rolePermissionsQuery(orgUuid.toLowerCase(), roleId), enabled: false });
  if (!onRole || !/^\d+$/.test(perm)) return trail;

  const action = permissions.data?.rows[Number(perm)]?.action;
  const last = trail[trail.length - 1];
  const roleHref = `/${parts.join("/")}`;
  return [
    ...trail.slice(0, -1),
    ...(last ? [{ ...last, href: roleHref }] : []),
    action ? { label: action, mono: true } : { label: `Permission #${Number(perm) + 1}` },
  ];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
