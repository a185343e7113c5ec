import { countOf, formatCount } from "@/lib/browser/format/numbers";
import type { PrivilegedOrganization } from "@/lib/shared/privileged/wire";

/*
 * The report's headline, the same in the server's first screen and the interactive page (no hooks):
 * who holds privileged access where, the one-primary-owner check, and what is new since the sync
 * compared with. Every count is the server's, over the whole report.
 */

export function PrivilegedHeading() {
  return (
    <div>
      <h1 className="text-lg font-semibold text-slate-900">Privileged access</h1>
      <p className="text-sm text-slate-600">
        Administrative organization roles (primary owner, owner, admin, membership admin) and RBAC permissions in the privileged set, with the path to each.
      </p>
    </div>
  );
}

export function PrivilegedSummaryLine({ people, organizations, newCount }: { people: number; organizations: PrivilegedOrganization[]; newCount: number | null }) {
  const problems = organizations.filter((o) => o.primary_owners !== 1);
  return (
    <>
      {countOf(people, "person", "people")} with privileged access across {countOf(organizations.length, "organization")}.{" "}
      {problems.length === 0 ? (
        <span className="text-emerald-800">Every organization has exactly one primary owner.</span>
      ) : (
        <span className="font-medium text-red-800">
          {countOf(problems.length, "organization")} without exactly one primary owner: {problems.map((o) => `${o.name} (${o.primary_owners})`).join(", ")}.
        </span>
      )}
      {newCount !== null ? <> {formatCount(newCount)} new since the chosen sync.</> : null}
    </>
  );
}
