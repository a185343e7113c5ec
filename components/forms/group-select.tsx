"use client";

import { useMemo, type ReactNode } from "react";
import type { Group } from "@/lib/shared/compliance/schemas";
import { formatCount } from "@/lib/browser/format/numbers";
import { groupsQuery, useWalk } from "@/lib/browser/query";
import { inputClass } from "./styles";

/*
 * Choosing one of the directory's groups (by name, with its source), while the list still loads
 * too; a failed list says so under the field.
 */

export interface GroupSelectProps {
  id: string;
  value: string;
  onChange: (groupId: string) => void;
  /** Width classes of the select. */
  className: string;
  /** Groups shown but not choosable (already added). */
  disabledIds?: readonly string[];
  /** Beside the select (an "Add" button). */
  children?: ReactNode;
}

export function useSortedGroups() {
  const walk = useWalk(groupsQuery());
  const groups = useMemo(() => [...walk.rows].sort((a, b) => a.name.localeCompare(b.name)), [walk.rows]);
  return { walk, groups };
}

export function GroupSelect({ id, value, onChange, className, disabledIds = [], children }: GroupSelectProps) {
  const { walk, groups } = useSortedGroups();
  // A group named by the URL that the list does not hold (yet) stays selectable by its id.
  const unknown = value !== "" && !groups.some((g: Group) => g.id === value);
  return (
    <>
      <div className="mt-1 flex items-center gap-2">
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={`h-8 ${className} ${inputClass}`}>
          <option value="">{walk.status === "complete" ? `Choose one of ${formatCount(groups.length)} groups` : `Loading groups… ${formatCount(walk.loaded)}`}</option>
          {unknown && <option value={value}>{value}</option>}
          {groups.map((g) => (
            <option key={g.id} value={g.id} disabled={disabledIds.includes(g.id)}>
              {g.name} ({g.source_type})
            </option>
          ))}
        </select>
        {children}
      </div>
      {walk.error && <p className="mt-1 text-xs text-red-800">The groups could not be listed: {walk.error.message}</p>}
    </>
  );
}
