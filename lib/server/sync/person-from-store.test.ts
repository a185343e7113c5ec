import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upstreamDirectorySource } from "@/lib/server/directory/upstream-source";
import { personDetailIn } from "@/lib/server/first-screen/person";
import { openDatabase, type Database } from "@/lib/server/store/database";
import { syncRepository, type SyncRecord } from "@/lib/server/store/syncs";
import { LocalLimiter } from "@/lib/server/throttle/local-limiter";
import { createUpstreamClient } from "@/lib/server/upstream/client";
import { startSimulator } from "@/lib/tools/simulator/server";
import type { Directory } from "@/lib/shared/directory/types";
import { directoryOfFactLists, directoryOfSync } from "./directory-from-sync";
import { personFactLists } from "./person-from-store";
import { runSync } from "./run-sync";

/*
 * A person's page while the directory is still being read: their own facts from the store, joined
 * as the whole directory's are, give the same detail as the whole directory, for every person of a
 * sync, including a sync a later one has changed (versions closed since).
 */

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let database: Database;
let dir: string;

async function sync(): Promise<SyncRecord> {
  const client = createUpstreamClient({ baseUrl: sim.url, accessKey: sim.keys.full, limiter: new LocalLimiter({ rps: 500 }), timeoutMs: 10_000, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
  const repo = syncRepository(database);
  const started = await repo.start({ trigger: "request", holder: "test" });
  const done = await runSync({ source: upstreamDirectorySource(client), repo, sync: started.sync, holder: "test" });
  expect(done.status).toBe("complete");
  return done;
}

const fromStore = async (s: SyncRecord, userId: string) => personDetailIn(await directoryOfFactLists(await personFactLists(database, s, userId), s), userId);

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: "person-from-store", orgUserCounts: [160, 70, 25], groups: 6, ratePerMinute: 60_000 });
  dir = mkdtempSync(path.join(tmpdir(), "person-from-store-"));
  database = await openDatabase({ dataDir: dir });
});

afterAll(async () => {
  await database?.close();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a person's detail from the store", () => {
  let first: SyncRecord;
  let firstDirectory: Directory;

  it("is the whole directory's detail, for every person of a sync", async () => {
    first = await sync();
    firstDirectory = await directoryOfSync(database, first);
    const withAccess = firstDirectory.people.filter((p) => p.groups.length > 0 && p.memberships.length > 1);
    expect(withAccess.length, "people in groups and in more than one organization").toBeGreaterThan(0);
    expect(firstDirectory.counts.peopleOutsideOrganizations, "people only groups list").toBeGreaterThan(0);
    let permissions = 0;
    for (const person of firstDirectory.people) {
      const expected = await personDetailIn(firstDirectory, person.id);
      expect(expected, person.id).toBeDefined();
      permissions += expected!.permissions.length;
      expect(await fromStore(first, person.id), person.id).toEqual(expected);
    }
    expect(permissions, "permissions reached through groups").toBeGreaterThan(0);
  });

  it("reads a sync as it stood once a later sync has changed people, groups and roles", async () => {
    expect(sim.directory.churn(0.2, 1).length).toBeGreaterThan(0);
    const second = await sync();
    const secondDirectory = await directoryOfSync(database, second);
    const closed = await database.query<{ n: string }>("select count(*) as n from directory_facts where to_seq = $1", [second.seq]);
    expect(Number(closed[0]!.n), "versions the second sync closed").toBeGreaterThan(0);
    const ids = new Set([...firstDirectory.people, ...secondDirectory.people].map((p) => p.id));
    let changed = 0;
    for (const id of ids) {
      const [then, now] = [await personDetailIn(firstDirectory, id), await personDetailIn(secondDirectory, id)];
      if (JSON.stringify(then) !== JSON.stringify(now)) changed++;
      expect(await fromStore(first, id), `${id} as of the first sync`).toEqual(then);
      expect(await fromStore(second, id), `${id} as of the second`).toEqual(now);
    }
    expect(changed, "people whose detail the churn changed").toBeGreaterThan(0);
  });

  it("finds no one for an id nobody lists", async () => {
    expect(await fromStore(first, "user_01NobodyListsThisId00000")).toBeUndefined();
  });
});
