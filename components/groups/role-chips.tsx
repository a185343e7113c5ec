"use client";
import { AppLink } from "@/components/shell/app-link";
import type { ResolvedRole } from "@/lib/shared/groups/role-index";

/** "Reviewer (Acme EU)": a resolved role names its organization, since role names repeat across organizations. */
export function roleLabel(r: ResolvedRole): string {
  return r.resolved ? `${r.name} (${r.orgName})` : r.id;
}

/**
 * A group's roles, each linking to its permissions; an id no organization knows stays as the raw id.
 * `oneLine` (a table's cell, whose rows are all one height): the first `oneLine` roles on one line,
 * clipped where the cell ends, then "+N more" for the rest, which stays in view; the title lists all.
 */
export function RoleChips({ roles, pending = false, oneLine }: { roles: ResolvedRole[]; pending?: boolean; oneLine?: number }) {
  if (roles.length === 0) return <span className="text-slate-500">none</span>;
  if (oneLine !== undefined) {
    const rest = roles.length - oneLine;
    return (
      <span className="flex min-w-0 items-center gap-x-1" title={roles.map(roleLabel).join("\n")}>
        <span className="flex min-w-0 overflow-hidden whitespace-nowrap">
          <Chips roles={roles.slice(0, oneLine)} pending={pending} />
        </span>
        {rest > 0 && <span className="shrink-0 text-xs text-slate-500">+{rest} more</span>}
      </span>
    );
  }
  return <Chips roles={roles} pending={pending} />;
}

function Chips({ roles, pending }: { roles: ResolvedRole[]; pending: boolean }) {
  return (
    <ul className="inline">
      {roles.map((r) => (
        <li key={r.id} className="mr-1 inline">
          {r.resolved ? (
            <AppLink
              href={`/organizations/${r.orgUuid}/roles/${encodeURIComponent(r.id)}`}
              className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-900 ring-1 ring-brand-100 hover:underline"
              title={`${r.name} in ${r.orgName}: see its permissions`}
            >
              {r.name} <span className="text-slate-600">· {r.orgName}</span>
            </AppLink>
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
