import type { Change, ChangeLabels } from "@/lib/shared/changes/change";
import { describeChange, groupName, kindLabel, organizationName, personLabel, roleName } from "@/lib/shared/changes/describe";
import { widensAccess } from "@/lib/shared/changes/widens";

/*
 * A change as a row of the Changes table, and the cells the interactive table and the server's
 * first screen draw alike (no hooks, no browser-only formatting).
 */

export interface ChangeRow {
  id: string;
  change: Change;
  summary: string;
  widens: boolean;
  organization: string;
  group: string;
  role: string;
  person: string;
}

export function toRows(changes: readonly Change[], labels: ChangeLabels, offset = 0): ChangeRow[] {
  return changes.map((c, i) => ({
    id: String(offset + i),
    change: c,
    summary: describeChange(c, labels),
    widens: widensAccess(c, labels),
    organization: c.organization_uuid ? organizationName(c, labels) : "",
    group: c.group_id ? groupName(c, labels) : "",
    role: c.role_id ? roleName(c, labels) : "",
    person: personLabel(c),
  }));
}

/** The kind in words ("Member joined"), its API name on hover (and in the downloads' `kind` column). */
export const kindCell = (r: ChangeRow) => <span title={r.change.kind}>{kindLabel(r.change.kind)}</span>;

export const widensBadge = (r: ChangeRow) =>
  r.widens ? (
    <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900" title="This change widens access">
      ▲ widens access
    </span>
  ) : null;
