import { useMemo } from "react";
import type { Group } from "@/lib/shared/compliance/schemas";
import { groupMembersQuery, type WalkResult } from "@/lib/browser/query";
import { usePacedQueries } from "@/lib/browser/query/use-paced-queries";
import type { GroupRow } from "./groups-table-columns";

/*
 * Member counts cost one walk per group (API.md: no totals), so they are counted progressively,
 * two groups at a time, in list order; each shows "…" until its walk completes.
 */

export function useGroupMemberCounts(groups: readonly Group[], enabled: boolean): Map<string, Pick<GroupRow, "members" | "membersState">> {
  const options = useMemo(() => groups.map((g) => groupMembersQuery(g.id)), [groups]);
  const results = usePacedQueries(options as never[], { concurrency: 2, enabled });
  const out = new Map<string, Pick<GroupRow, "members" | "membersState">>();
  groups.forEach((g, i) => {
    const paced = results[i];
    const data = paced?.result.data as WalkResult<unknown> | undefined;
    if (data) out.set(g.id, { members: data.rows.length, membersState: "known" });
    else if (paced?.result.isError) out.set(g.id, { membersState: "error" });
    else if (!enabled) out.set(g.id, { membersState: "idle" });
    else out.set(g.id, { membersState: paced?.queued ? "queued" : "loading" });
  });
  return out;
}
