import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Directory } from "@/lib/shared/directory/types";
import { reconcileBulk, reconcileOne } from "@/lib/server/reconciliation/service";
import type { SimulatorHandle } from "@/lib/tools/simulator/server";
import { openSimulatedSyncedStore, type SimulatedSyncedStore } from "@/lib/tools/testing/synced-directory";
import { seedListIdsText } from "./downloads";
import { resolveInputs } from "./service";

/*
 * Seed lists and reconciliation over the real directory snapshot of a simulator, over HTTP.
 * Expectations come from the simulator's own generated data, never from the code under test.
 */

let sim: SimulatorHandle;
let load: (o: { signal?: AbortSignal; fresh?: boolean }) => Promise<Directory>;
let walks = 0;
let synced: SimulatedSyncedStore;

beforeAll(async () => {
  synced = await openSimulatedSyncedStore({ seed: "seed-lists-integration", orgUserCounts: [400, 250, 120], groups: 6 });
  sim = synced.sim;
  load = () => {
    walks++;
    return synced.load();
  };
});
afterAll(() => synced?.close());

const simUsers = () => sim.directory.organizations.flatMap((o) => sim.directory.usersOf(o.uuid));

describe("a seed list resolved against the simulator's directory", () => {
  it("matches pasted emails in any case, across organizations, and reports the rest", async () => {
    const users = simUsers();
    const [a, b, c] = [users[0]!, users[450]!, users[700]!];
    const text = [a.email.toUpperCase(), "", b.email, `  ${b.email.toLowerCase()}  `, "nobody@nowhere.example", c.id].join("\n");
    const { sources, resolution } = await resolveInputs([{ kind: "paste", text }], { officer: "auditor", load });
    expect(sources[0]).toMatchObject({ kind: "paste", blank_lines: 1 });
    expect(resolution.counts).toMatchObject({ entries: 6, blank: 1, matched: 3, unmatched: 1, duplicate: 1, people: 3 });
    expect(seedListIdsText(resolution)).toBe(`${a.id}\n${b.id}\n${c.id}\n`);
    const orgsOfA = sim.directory.organizations.filter((o) => sim.directory.usersOf(o.uuid).some((u) => u.id === a.id)).map((o) => o.uuid);
    expect(new Set(resolution.people[0]!.organization_uuids)).toEqual(new Set(orgsOfA));
  });

  it("adds a group's members as they are in the simulator, and refuses a bad file before walking", async () => {
    const g = sim.directory.groups[0]!;
    const { resolution } = await resolveInputs([{ kind: "group", group_id: g.id }], { officer: "auditor", load });
    expect(new Set(resolution.people.map((p) => p.user_id))).toEqual(new Set(sim.directory.membersOf(g.id).map((m) => m.user_id)));

    const before = walks;
    const utf16 = Buffer.from([0xff, 0xfe, 0x41, 0x00]).toString("base64");
    await expect(resolveInputs([{ kind: "csv", filename: "hr.csv", content_base64: utf16, column: 0 }], { officer: "auditor", load })).rejects.toThrow(/UTF-16/);
    expect(walks).toBe(before);
  });
});

describe("group reconciliation against the simulator's directory", () => {
  it("finds exactly the one missing and the one unexpected member", async () => {
    const g = sim.directory.groups.find((x) => sim.directory.membersOf(x.id).length >= 3)!;
    const members = sim.directory.membersOf(g.id);
    const outsider = simUsers().find((u) => !members.some((m) => m.user_id === u.id))!;
    const expected = [...members.slice(1).map((m) => m.email.toUpperCase()), outsider.email];
    const out = await reconcileOne(g.id, { kind: "paste", text: expected.join("\n") }, { load });
    expect(out.result.unexpected.map((r) => r.user_id)).toEqual([members[0]!.user_id]);
    expect(out.result.missing.map((r) => r.user_id)).toEqual([outsider.id]);
    expect(out.result.in_both).toHaveLength(members.length - 1);
  });

  it("reconciles every group a bulk file names and reports unknown names", async () => {
    const [g1, g2] = sim.directory.groups;
    const rows = [
      "group_name_or_id,email",
      ...sim.directory.membersOf(g1!.id).map((m) => `${g1!.name},${m.email}`),
      ...sim.directory.membersOf(g2!.id).slice(1).map((m) => `${g2!.id},${m.email}`),
      "No Such Group,someone@example.com",
    ];
    const out = await reconcileBulk({ input: { kind: "paste", text: rows.join("\n") } }, { load });
    expect(out.header).toBe(true);
    expect(out.results.map((r) => [r.group.id, r.counts.unexpected, r.counts.missing])).toEqual([
      [g1!.id, 0, 0],
      [g2!.id, 1, 0],
    ]);
    expect(out.unknown_groups).toEqual([{ name: "No Such Group", row_numbers: [rows.length], entries: ["someone@example.com"] }]);
    expect(out.unlisted_groups).toHaveLength(sim.directory.groups.length - 2);
  });
});
