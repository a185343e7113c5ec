"use client";

import { AppLink } from "./app-link";
import { usePathname } from "next/navigation";
import { orgPrefixedId } from "@/lib/shared/compliance/ids";
import { organizationsQuery } from "@/lib/browser/query/compliance-queries";
import { useWalk } from "@/lib/browser/query/use-walk";
import { DateCell, IdCell } from "@/components/data-table/cells";

const TABS = [
  { segment: "users", label: "Users" },
  { segment: "roles", label: "Roles" },
  { segment: "settings", label: "Settings" },
] as const;

/** One organization's name, ids and sections (Users, Roles, Settings) above each of its pages. */
export function OrganizationHeader({ orgUuid }: { orgUuid: string }) {
  const pathname = usePathname();
  const orgs = useWalk(organizationsQuery());
  const org = orgs.rows.find((o) => o.uuid === orgUuid);
  const unknown = orgs.status === "complete" && !org;
  const base = `/organizations/${orgUuid}`;

  return (
    <div className="shrink-0 border-b border-slate-200 bg-white px-4 pt-3">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-lg font-semibold text-slate-900">{org?.name ?? (unknown ? "Unknown organization" : "Organization")}</h1>
        <span className="flex items-center gap-1 text-xs text-slate-500">
          uuid <IdCell value={orgUuid} label="organization uuid" />
        </span>
        <span className="flex items-center gap-1 text-xs text-slate-500" title="The form the Activity Feed uses">
          Activity Feed id <IdCell value={orgPrefixedId(orgUuid)} label="organization id (org_ form)" />
        </span>
        {org && (
          <span className="text-xs text-slate-500">
            created <DateCell value={org.created_at} />
          </span>
        )}
      </div>
      {unknown && (
        <p className="mt-1 text-xs text-amber-800">
          No organization with this uuid is linked under the parent the key reaches. Check the uuid, or open the Overview for the list.
        </p>
      )}
      <nav aria-label="Organization sections" className="mt-2 -mb-px flex gap-1">
        {TABS.map((t) => {
          const href = `${base}/${t.segment}`;
          const active = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <AppLink
              key={t.segment}
              href={href}
              aria-current={active ? "page" : undefined}
              className={`border-b-2 px-3 py-1.5 text-sm ${active ? "border-brand-600 font-medium text-brand-900" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"}`}
            >
              {t.label}
            </AppLink>
          );
        })}
      </nav>
    </div>
  );
}
