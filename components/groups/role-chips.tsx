"use client";
import Link from "next/link";
import type { ResolvedRole } from "@/lib/shared/groups/role-index";

/** "Reviewer (Acme EU)": a resolved role names its organization, since role names repeat across organizations. */
export function roleLabel(r: ResolvedRole): string {
  return r.resolved ? `${r.name} (${r.orgName})` : r.id;
}

/** A group's roles, each linking to its permissions; an id no organization knows stays as the raw id. */
export function RoleChips({ roles, pending = false }: { roles: ResolvedRole[]; pending?: boolean }) {
  if (roles.length === 0) return <span className="text-slate-500">none</span>;
  return (
    <ul className="inline">
      {roles.map((r) => (
        <li key={r.id} className="mr-1 inline">
          {r.resolved ? (
            <Link
              href={`/organizations/${r.orgUuid}/roles/${encodeURIComponent(r.id)}`}
              className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-900 ring-1 ring-brand-100 hover:underline"
              title={`${r.name} in ${r.orgName}: see its permissions`}
            >
              {r.name} <span className="text-slate-600">· {r.orgName}</span>
            </Link>
          ) : (
            <span
              className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700"
              title={pending ? "Resolving: the organizations' roles are still loading" : "No organization the key reaches lists this role id"}
            >
              {r.id}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
