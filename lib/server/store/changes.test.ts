import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Change } from "@/lib/shared/changes/change";
import type { Change as SimChange, ChangeRequest } from "@/lib/tools/simulator/mutations";
import { startSimulator } from "@/lib/tools/simulator/server";
import { stableJson } from "@/lib/shared/settings/stable-json";
import { openSyncedStore, type SyncedStore } from "@/lib/tools/testing/synced-directory";
import { LocalLimiter } from "@/lib/server/throttle/local-limiter";
import { createUpstreamClient } from "@/lib/server/upstream/client";
import { changesRepository } from "./changes";
import { historyRepository } from "./history";
import { openDatabase } from "./database";
import { groupFact, memberFact, organizationFact, roleFact } from "./facts";
import type { SyncRecord } from "./syncs";
import { factId, syncRepository } from "./syncs";

/*
 * Changes between syncs of the simulator over HTTP, kept in a throwaway store: what the simulator
 * says it changed (its answer to a mutation, in CONTRACT.md's vocabulary) is exactly what the
 * repository finds, read in small pages; identical syncs have none.
 */

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let synced: SyncedStore;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: "changes", orgUserCounts: [60, 25, 12], groups: 6, ratePerMinute: 60_000 });
  const client = createUpstreamClient({ baseUrl: sim.url, accessKey: sim.keys.full, limiter: new LocalLimiter({ rps: 500 }), timeoutMs: 10_000, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
  synced = await openSyncedStore(client);
});

afterAll(async () => {
  await synced?.close();
  await sim?.close();
});

async function mutate(body: { changes: ChangeRequest[] } | { churn: number; step?: number }): Promise<SimChange[]> {
  const res = await fetch(`${sim.url}/__simulator/mutate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const answer = (await res.json()) as { changes: SimChange[]; error?: unknown };
  if (res.status !== 200) throw new Error(`mutate answered ${res.status}: ${JSON.stringify(answer)}`);
  return answer.changes;
}

/** Every change between two syncs, following the pages. */
async function allChanges(from: SyncRecord, to: SyncRecord, limit: number, kind?: Change["kind"]): Promise<{ changes: Change[]; pages: number }> {
  const repo = changesRepository(synced.database);
  const changes: Change[] = [];
  let after;
  let pages = 0;
  for (;;) {
    const page = await repo.page({ from, to, limit, after, kind });
    pages++;
    changes.push(...page.changes);
    if (!page.next) return { changes, pages };
    expect(page.changes).toHaveLength(limit);
    after = page.next;
  }
}

const canon = (changes: readonly (Change | SimChange)[]) => changes.map((c) => stableJson(c)).sort();

describe("changes between two syncs", () => {
  let first: SyncRecord;
  let second: SyncRecord;

  it("are none between syncs of an unchanged directory", async () => {
    first = await synced.sync();
    second = await synced.sync();
    expect((await allChanges(first, second, 5)).changes).toEqual([]);
    expect(await changesRepository(synced.database).counts(first, second)).toEqual([]);
  });

  it("are exactly the named changes the simulator made, every kind, across pages", async () => {
    const d = sim.directory;
    const [a, b] = d.organizations;
    const usersA = d.usersOf(a!.uuid);
    const usersB = d.usersOf(b!.uuid);
    const outsider = usersB.find((u) => !usersA.some((x) => x.id === u.id))!;
    const rolesA = d.rolesOf(a!.uuid);
    const withPerms = rolesA.find((r) => d.permissionsOf(a!.uuid, r.id).length > 0 && d.permissionsOf(a!.uuid, r.id).length < 50)!;
    const otherRole = rolesA.find((r) => r.id !== withPerms.id)!;
    const rolesB = d.rolesOf(b!.uuid);
    const groupsAtStart = [...d.groups];
    const [g1, g2, g3, g4] = d.groups.slice(2);
    const g1Member = d.membersOf(g1!.id)[0]!;
    const notInG2 = usersA.find((u) => !d.membersOf(g2!.id).some((m) => m.user_id === u.id))!;
    const grantable = rolesB.find((r) => !(g3!.roles ?? []).includes(r.id))!;
    const setting = d.settingsOf(a!.uuid)!.settings.find((s) => s.name === "sso_claude_ai_enforced")!;
    const perm = d.permissionsOf(a!.uuid, withPerms.id)[0]!;

    const removable = rolesB.find((r) => groupsAtStart.some((g) => g.roles?.includes(r.id)) && r.id !== grantable.id) ?? rolesB[rolesB.length - 1]!;
    const groupGone = groupsAtStart.find((g) => g.id !== g1!.id && g.id !== g2!.id && g.id !== g3!.id && g.id !== g4!.id && (g.roles?.length ?? 0) > 0 && !g.roles!.includes(removable.id)) ?? groupsAtStart[0]!;
    const g4First = d.membersOf(g4!.id)[0]!.user_id;
    // Someone whose group memberships stay: an email change also rewrites their member records.
    const renamed = d.organizations.flatMap((o) => d.usersOf(o.uuid)).find((u) => u.id !== g4First && u.id !== outsider.id && !usersA.slice(0, 9).some((x) => x.id === u.id) && !d.membersOf(groupGone.id).some((m) => m.user_id === u.id))!;
    expect(renamed).toBeDefined();
    const requests: ChangeRequest[] = [
      { kind: "organization_changed", org: b!.uuid, name: "Renamed Org" },
      { kind: "member_joined", org: a!.uuid, user: outsider.id, organization_role: "admin" },
      { kind: "member_joined", org: a!.uuid, full_name: "Nia Newcomer", email: "nia@example.com" },
      { kind: "member_left", org: a!.uuid, user: usersA[5]!.id },
      { kind: "member_changed", org: a!.uuid, user: usersA[6]!.id, organization_role: "owner" },
      { kind: "member_changed", user: renamed.id, email: "changed.address@example.com" },
      { kind: "role_added", org: a!.uuid, name: "Reviewer", permissions: [{ action: "read", resource_type: "project", resource_id: "claude_proj_x" }] },
      { kind: "role_changed", org: a!.uuid, role: otherRole.id, name: "Renamed role" },
      { kind: "permission_removed", org: a!.uuid, role: withPerms.id, permission: perm },
      { kind: "permission_added", org: a!.uuid, role: withPerms.id, permission: { action: "write", resource_type: "project", resource_id: "claude_proj_new" } },
      { kind: "group_added", name: "New group", members: [usersA[8]!.id] },
      { kind: "group_changed", group: g1!.id, description: "now described" },
      { kind: "group_member_removed", group: g4!.id, user: g4First },
      { kind: "group_member_added", group: g2!.id, user: notInG2.id },
      { kind: "group_role_granted", group: g3!.id, role: grantable.id },
      { kind: "setting_changed", org: a!.uuid, setting: setting.name, value: !setting.value },
      { kind: "setting_changed", org: b!.uuid, setting: d.settingsOf(b!.uuid)!.settings[0]!.name, listed: false },
    ];
    expect(g1Member).toBeDefined();
    const made = await mutate({ changes: requests });
    // Removing a role revokes it from every group: one more kind, made in its own batch.
    made.push(...(await mutate({ changes: [{ kind: "role_removed", org: b!.uuid, role: removable.id }] })));
    made.push(...(await mutate({ changes: [{ kind: "group_removed", group: groupGone.id }] })));
    const third = await synced.sync();

    const { changes, pages } = await allChanges(second, third, 4);
    expect(pages).toBeGreaterThan(3);
    expect(canon(changes)).toEqual(canon(made));
    const kinds = new Set(changes.map((c) => c.kind));
    for (const k of ["organization_changed", "member_joined", "member_left", "member_changed", "role_added", "role_removed", "role_changed", "permission_added", "permission_removed", "group_added", "group_removed", "group_changed", "group_role_granted", "group_role_revoked", "group_member_added", "group_member_removed", "setting_changed"]) {
      expect(kinds, k).toContain(k);
    }
    // One page holds them all in the same order.
    const whole = await changesRepository(synced.database).page({ from: second, to: third, limit: 5000 });
    expect(whole.changes).toEqual(changes);
    expect(whole.next).toBeNull();

    // A kind alone, and the counts, agree with the list.
    const joined = await allChanges(second, third, 1, "member_joined");
    expect(joined.changes).toEqual(changes.filter((c) => c.kind === "member_joined"));
    const counts = await changesRepository(synced.database).counts(second, third);
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(changes.length);
    expect(counts.filter((c) => c.kind === "member_joined").reduce((n, c) => n + c.count, 0)).toBe(2);

    // Backwards, every change reads the other way round.
    const back = await allChanges(third, second, 7);
    expect(back.changes).toHaveLength(changes.length);
    expect(back.changes.filter((c) => c.kind === "member_left")).toHaveLength(2);

    // Labels name what changed.
    const labels = await changesRepository(synced.database).labels(second, third);
    expect(labels.organizations[b!.uuid]).toBe("Renamed Org");
    expect(labels.groups[g3!.id]!.roles).toContain(grantable.id);
    expect(labels.roles[otherRole.id]!.name).toBe("Renamed role");

    // History: each event at the sync where it was first seen, none from before history begins.
    const history = historyRepository(synced.database);
    const timeline = await history.person(renamed.id);
    expect(timeline.filter((e) => e.kind === "member_changed").map((e) => e.sync.id)).toContain(third.id);
    expect(timeline.every((e) => e.sync.seq > first.seq)).toBe(true);
    const joinedAdmin = await history.person(outsider.id);
    expect(joinedAdmin).toContainEqual(expect.objectContaining({ kind: "member_joined", organization_uuid: a!.uuid, sync: expect.objectContaining({ id: third.id }) }));
    const g2History = await history.group(g2!.id);
    expect(g2History.map((e) => [e.kind, e.user_id])).toEqual([["group_member_added", notInG2.id]]);
    const roleHistory = await history.role(a!.uuid, withPerms.id);
    expect(roleHistory.map((e) => e.kind).sort()).toEqual(["permission_added", "permission_removed"]);
    const settingsHistory = await history.settings(a!.uuid);
    expect(settingsHistory).toEqual([expect.objectContaining({ kind: "setting_changed", setting: setting.name, sync: expect.objectContaining({ id: third.id }) })]);
  });

  it("are exactly what a seeded churn step changed", async () => {
    const before = (await syncRepository(synced.database).newestComplete())!;
    const made = await mutate({ churn: 0.05 });
    expect(made.length).toBeGreaterThan(5);
    const after = await synced.sync();
    expect(canon((await allChanges(before, after, 9)).changes)).toEqual(canon(made));
  });

  it("refuse nothing and find nothing when a sync is compared with itself", async () => {
    expect((await allChanges(second, second, 10)).changes).toEqual([]);
  });
});

describe("what is no change", () => {
  it("an unknown field, a list's order or a version that ended and came back; a new and a gone organization are", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const dir = mkdtempSync(path.join(tmpdir(), "changes-facts-"));
    const database = await openDatabase({ dataDir: dir });
    try {
      const repo = syncRepository(database);
      const org = { uuid: "org-a", name: "Acme", created_at: "2024-01-01T00:00:00Z" };
      const user = { id: "user_1", full_name: "Ann", email: "ann@example.com", created_at: "2024-01-01T00:00:00Z", organization_role: "user" };
      const group = { id: "group_1", name: "G", description: "", source_type: "direct", roles: ["r1", "r2"], created_at: null, updated_at: null };
      const role = { id: "r1", name: "Role", description: "", created_at: null, updated_at: null };
      const run = async (facts: ReturnType<typeof organizationFact>[]) => {
        // As a sync writes: only new and changed versions, and the keys no longer read end.
        const s = await repo.start({ trigger: "request", holder: "t" });
        const open = await repo.openFactHashes();
        const fresh = facts.filter((f) => {
          const id = factId(f.kind, f.key);
          const before = open.get(id);
          open.delete(id);
          return before !== f.hash;
        });
        if (fresh.length) await repo.stage(s.sync.id, fresh);
        return repo.complete(s.sync.id, "t", 0, open.keys());
      };
      const s1 = await run([organizationFact(org), memberFact(org.uuid, user), groupFact(group), roleFact(org.uuid, role)]);
      // Unknown fields appear, a list comes back in another order, keys in another order.
      const s2 = await run([
        organizationFact({ ...org, tier: "gold" }),
        memberFact(org.uuid, { ...(Object.fromEntries(Object.entries(user).reverse()) as typeof user), nickname: "A" }),
        groupFact({ ...group, roles: ["r2", "r1"] }),
        roleFact(org.uuid, { ...role, color: "blue" }),
      ]);
      const changes = changesRepository(database);
      expect((await changes.page({ from: s1, to: s2, limit: 100 })).changes).toEqual([]);

      // A version that ended at s2 and came back with the same hash (written directly): no change.
      await database.query(`update directory_facts set to_seq = $1 where kind = 'member' and to_seq is null`, [s2.seq]);
      const s3 = await run([organizationFact(org), groupFact(group), roleFact(org.uuid, role)]);
      await database.query(`insert into directory_facts (kind, scope, key, hash, content, from_seq) select kind, scope, key, hash, content, $1 from directory_facts where kind = 'member'`, [s3.seq]);
      expect((await changes.page({ from: s1, to: s3, limit: 100 })).changes).toEqual([]);
      expect((await changes.page({ from: s2, to: s3, limit: 100 })).changes.map((c) => c.kind)).toEqual(["member_joined"]);

      // Another organization instead of this one: added, removed, and its member left.
      const other = { uuid: "org-b", name: "Beta", created_at: "2024-02-01T00:00:00Z" };
      const s4 = await run([organizationFact(other), groupFact(group), roleFact(org.uuid, role)]);
      const found = (await changes.page({ from: s3, to: s4, limit: 100 })).changes;
      expect(found).toEqual([
        { kind: "organization_removed", organization_uuid: "org-a", before: org, after: null },
        { kind: "organization_added", organization_uuid: "org-b", before: null, after: other },
        { kind: "member_left", organization_uuid: "org-a", user_id: "user_1", before: user, after: null },
      ]);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
