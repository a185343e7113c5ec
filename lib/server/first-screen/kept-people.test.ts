import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { preparePeopleQuery } from "@/lib/server/directory/people-query";
import { directoryOfSync } from "@/lib/server/sync/directory-from-sync";
import { simulatedDirectorySuite } from "@/lib/tools/testing/synced-directory";
import { throwawayDirEach } from "@/lib/tools/testing/throwaway-stores";
import { PEOPLE_WINDOW } from "@/lib/shared/directory/people-query-wire";
import { defaultPeopleScreen, keepPeopleScreen, keptPeopleScreen } from "./kept-people";

/*
 * People's first screen kept for the next start, against a real store synced from the simulator
 * over HTTP: read back only for exactly the sync it was made from, and nothing when it is damaged.
 */

const suite = simulatedDirectorySuite({ seed: "kept-people", orgUserCounts: [180, 40], groups: 4 });
const dir = throwawayDirEach("kept-people-");

async function newest() {
  const { synced } = suite.ready();
  const sync = await synced.sync();
  const directory = await directoryOfSync(synced.database, sync);
  await preparePeopleQuery(directory);
  return { sync, directory };
}

const fileOf = () => path.join(dir.path, "people-first-screen.json");

describe("People's kept first screen", () => {
  it("reads back the default view's first window of the sync it was kept for, readable by the server alone", async () => {
    const { sync, directory } = await newest();
    await keepPeopleScreen(directory, sync, dir.path);
    const kept = await keptPeopleScreen(sync, dir.path);
    expect(kept).toEqual(defaultPeopleScreen(directory));
    expect(kept!.answer.rows.length).toBe(Math.min(directory.people.length, PEOPLE_WINDOW));
    expect(kept!.answer.matched).toBe(directory.people.length);
    expect(statSync(fileOf()).mode & 0o777).toBe(0o600);
  });

  it("is nothing for another sync, or the same sync whose record reads otherwise", async () => {
    const first = await newest();
    await keepPeopleScreen(first.directory, first.sync, dir.path);
    const second = await newest();
    expect(second.sync.id).not.toBe(first.sync.id);
    expect(await keptPeopleScreen(second.sync, dir.path)).toBeNull();
    expect(await keptPeopleScreen({ ...first.sync, sha256: "0".repeat(64) }, dir.path)).toBeNull();
    expect(await keptPeopleScreen({ ...first.sync, upstreamCalls: first.sync.upstreamCalls + 1 }, dir.path)).toBeNull();
    expect(await keptPeopleScreen(first.sync, dir.path)).not.toBeNull();
  });

  it("is nothing when absent, cut short, of another format or not a screen", async () => {
    const { sync, directory } = await newest();
    expect(await keptPeopleScreen(sync, dir.path)).toBeNull();
    await keepPeopleScreen(directory, sync, dir.path);
    const text = readFileSync(fileOf(), "utf8");
    writeFileSync(fileOf(), text.slice(0, text.length / 2));
    expect(await keptPeopleScreen(sync, dir.path)).toBeNull();
    const json = JSON.parse(text) as { format: number; screen: { answer: { rows: unknown } } };
    writeFileSync(fileOf(), JSON.stringify({ ...json, format: 2 }));
    expect(await keptPeopleScreen(sync, dir.path)).toBeNull();
    writeFileSync(fileOf(), JSON.stringify({ ...json, screen: { ...json.screen, answer: { ...json.screen.answer, rows: "none" } } }));
    expect(await keptPeopleScreen(sync, dir.path)).toBeNull();
    writeFileSync(fileOf(), text);
    expect(await keptPeopleScreen(sync, dir.path)).not.toBeNull();
  });
});
