import { classifyEntry, type PersonLookup } from "@/lib/shared/directory/entries";
import { UNLIMITED, type WorkBudget } from "@/lib/shared/directory/work-budget";
import type { GroupReconciliation, ReconciliationRow, SkippedEntry } from "@/lib/shared/reconciliation/schema";

/*
 * One group against the members its system of record expects. Every expected entry (an email or
 * a `user_...` id) ends in exactly one place: in both, missing (expected, not in the group; also
 * when no directory user has it), skipped (not an email or id, or a repeat) or blank; every member
 * no entry named is unexpected access. Emails match case-insensitively, against the member's
 * email in the group and against the directory (a member whose email changed still matches by
 * the email the directory has for them).
 */

export interface ReconMember {
  user_id: string;
  email: string;
}

export interface ReconPerson {
  id: string;
  email: string;
  fullName: string;
}

export interface ReconGroupInput {
  group: { id: string; name: string };
  members: readonly ReconMember[];
}

export function reconcileGroup<P extends ReconPerson>(
  input: ReconGroupInput,
  expected: readonly string[],
  directory: PersonLookup<P>,
  budget: WorkBudget = UNLIMITED,
): GroupReconciliation {
  const memberById = new Map(input.members.map((m) => [m.user_id, m]));
  const memberIdsByEmail = new Map<string, string[]>();
  for (const m of input.members) {
    const key = m.email.trim().toLowerCase();
    memberIdsByEmail.set(key, [...(memberIdsByEmail.get(key) ?? []), m.user_id]);
  }
  const nameOf = (id: string) => directory.peopleById.get(id)?.fullName ?? "";

  const inBoth: ReconciliationRow[] = [];
  const missing: ReconciliationRow[] = [];
  const skipped: SkippedEntry[] = [];
  const matchedMembers = new Set<string>();
  /** Who an earlier entry already accounted for: user ids, or `email:<x>` when no user has it. */
  const firstFor = new Map<string, number>();
  const firstByValue = new Map<string, number>();
  let blank = 0;

  expected.forEach((raw, index) => {
    budget.spend();
    const { kind, value } = classifyEntry(raw);
    if (kind === "blank") {
      blank++;
      return;
    }
    const input = raw.trim();
    if (kind === "other") {
      skipped.push({ index, input, reason: "not_an_email_or_id" });
      return;
    }
    const earlier = firstByValue.get(`${kind}:${value}`);
    if (earlier !== undefined) {
      skipped.push({ index, input, reason: "same_entry", duplicate_of: earlier });
      return;
    }
    firstByValue.set(`${kind}:${value}`, index);

    const candidates =
      kind === "user_id"
        ? [value]
        : [...new Set([...(memberIdsByEmail.get(value) ?? []), ...(directory.peopleByEmail.get(value) ?? []).map((p) => p.id)])];
    const members = candidates.filter((id) => memberById.has(id));
    const people = candidates.filter((id) => directory.peopleById.has(id));
    const accountedFor = (members.length ? members : people.length ? people : [`email:${value}`]).filter((k) => !firstFor.has(k));
    if (accountedFor.length === 0) {
      const k = members[0] ?? people[0] ?? `email:${value}`;
      skipped.push({ index, input, reason: "same_person", duplicate_of: firstFor.get(k)! });
      return;
    }
    for (const k of accountedFor) firstFor.set(k, index);

    if (members.length) {
      for (const id of accountedFor) {
        matchedMembers.add(id);
        inBoth.push({ status: "in_both", user_id: id, email: memberById.get(id)!.email, full_name: nameOf(id), input, in_directory: directory.peopleById.has(id) });
      }
    } else if (people.length) {
      for (const id of accountedFor) {
        const p = directory.peopleById.get(id)!;
        missing.push({ status: "missing", user_id: id, email: p.email, full_name: p.fullName, input, in_directory: true });
      }
    } else {
      missing.push({ status: "missing", user_id: kind === "user_id" ? value : null, email: kind === "email" ? value : "", full_name: "", input, in_directory: false });
    }
  });

  const unexpected: ReconciliationRow[] = input.members
    .filter((m) => !matchedMembers.has(m.user_id))
    .map((m) => ({ status: "unexpected", user_id: m.user_id, email: m.email, full_name: nameOf(m.user_id), in_directory: directory.peopleById.has(m.user_id) }));

  return {
    group: input.group,
    counts: {
      members: input.members.length,
      expected_entries: expected.length,
      in_both: inBoth.length,
      unexpected: unexpected.length,
      missing: missing.length,
      missing_not_in_directory: missing.filter((r) => !r.in_directory).length,
      not_understood: skipped.filter((s) => s.reason === "not_an_email_or_id").length,
      duplicate: skipped.filter((s) => s.reason !== "not_an_email_or_id").length,
      blank,
    },
    in_both: inBoth,
    unexpected,
    missing,
    skipped,
  };
}
