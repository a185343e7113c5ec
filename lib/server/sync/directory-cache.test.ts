import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/server/store/database";
import type { SyncRecord } from "@/lib/server/store/syncs";
import { openSimulatedSyncedStore, type SimulatedSyncedStore } from "@/lib/tools/testing/synced-directory";
import { throwawayDirEach } from "@/lib/tools/testing/throwaway-stores";
import { KEPT_FORMAT, keepFactLists, keptDirectoryOfSync, keptFactLists, keptFileOf } from "./directory-cache";
import { directoryOfFactLists, directoryOfSync, factListsOfSync } from "./directory-from-sync";

/*
 * The kept copy of the newest sync's directory, against a real store synced from the simulator
 * over HTTP. One organization has more users than a piece holds, so a list spans pieces. A copy is
 * used only when it is exactly the sync the store names; anything else reads the store.
 */

let synced: SimulatedSyncedStore;
let first: SyncRecord;
const dir = throwawayDirEach("kept-directory-");

beforeAll(async () => {
  synced = await openSimulatedSyncedStore({ seed: "kept-directory", orgUserCounts: [2300, 40], groups: 5 });
  first = await synced.sync();
}, 60_000);
afterAll(() => synced?.close());

/** The store, refusing every read: what a test answers from a copy alone uses. */
const unreadable = (): Database => ({ ...synced.database, query: () => Promise.reject(new Error("the store was read")) });

async function keep(sync: SyncRecord): Promise<string> {
  await keepFactLists(dir.path, sync, await factListsOfSync(synced.database, sync));
  return keptFileOf(dir.path, sync.id);
}

function headerOf(file: string): { format: number; pieces: number[] } {
  const bytes = readFileSync(file);
  return JSON.parse(bytes.subarray(4, 4 + bytes.readUInt32LE(0)).toString("utf8")) as { format: number; pieces: number[] };
}

function rewriteHeader(file: string, change: (header: Record<string, unknown>) => void): void {
  const bytes = readFileSync(file);
  const length = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + length).toString("utf8")) as Record<string, unknown>;
  change(header);
  const headerBytes = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32LE(headerBytes.length);
  writeFileSync(file, Buffer.concat([prefix, headerBytes, bytes.subarray(4 + length)]));
}

describe("the kept directory copy", () => {
  it("reads back exactly the directory the store gives, a long list spanning pieces", async () => {
    const file = await keep(first);
    expect(headerOf(file).pieces.length).toBeGreaterThan(1);
    const lists = await keptFactLists(dir.path, first);
    expect(lists).not.toBeNull();
    const fromStore = await directoryOfSync(synced.database, first);
    expect(fromStore.counts.memberships).toBe(2340);
    expect(await directoryOfFactLists(lists!, first)).toStrictEqual(fromStore);
  });

  it("is written after a read from the store, then answers without the store", async () => {
    const fromStore = await keptDirectoryOfSync(synced.database, first, dir.path);
    await vi.waitFor(() => expect(existsSync(keptFileOf(dir.path, first.id))).toBe(true));
    const fromCopy = await keptDirectoryOfSync(unreadable(), first, dir.path);
    expect(fromCopy).not.toBe(fromStore);
    expect(fromCopy).toStrictEqual(fromStore);
  });

  it("is ignored for any other sync, or when the sync's record differs", async () => {
    const file = await keep(first);
    const other: SyncRecord = { ...first, id: "sync_mx00000000_000000000000" };
    expect(await keptFactLists(dir.path, other)).toBeNull();
    renameSync(file, keptFileOf(dir.path, other.id));
    expect(await keptFactLists(dir.path, other)).toBeNull();
    renameSync(keptFileOf(dir.path, other.id), file);
    expect(await keptFactLists(dir.path, { ...first, seq: first.seq + 1 })).toBeNull();
    expect(await keptFactLists(dir.path, { ...first, sha256: "0".repeat(64) })).toBeNull();
    expect(await keptFactLists(dir.path, first)).not.toBeNull();
  });

  it("is ignored when damaged, cut short or of another format", async () => {
    const file = await keep(first);
    const good = readFileSync(file);

    // One letter of one email changed: the copy still deserialises, only the checksum tells.
    const altered = Buffer.from(good);
    const at = altered.lastIndexOf("@");
    altered[at + 1] = altered[at + 1] === 0x78 ? 0x79 : 0x78;
    writeFileSync(file, altered);
    const warn = vi.spyOn(console, "warn");
    expect(await keptFactLists(dir.path, first)).toBeNull();
    expect(warn).toHaveBeenLastCalledWith(expect.stringMatching(/fails its checksum/));
    warn.mockRestore();

    const flipped = Buffer.from(good);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 10) ^ 0xff, flipped.length - 10);
    writeFileSync(file, flipped);
    expect(await keptFactLists(dir.path, first)).toBeNull();

    writeFileSync(file, good.subarray(0, good.length - 100));
    expect(await keptFactLists(dir.path, first)).toBeNull();

    writeFileSync(file, "not a copy");
    expect(await keptFactLists(dir.path, first)).toBeNull();

    writeFileSync(file, good);
    rewriteHeader(file, (h) => (h.format = KEPT_FORMAT + 1));
    expect(headerOf(file).format).toBe(KEPT_FORMAT + 1);
    expect(await keptFactLists(dir.path, first)).toBeNull();

    // The store then answers, and the copy is rewritten as this sync's.
    const fromStore = await keptDirectoryOfSync(synced.database, first, dir.path);
    await vi.waitFor(() => expect(headerOf(file).format).toBe(KEPT_FORMAT));
    expect(await keptDirectoryOfSync(unreadable(), first, dir.path)).toStrictEqual(fromStore);
  });

  it("never serves the kept older sync after a restart that follows a new sync", async () => {
    const oldFile = await keep(first);
    expect(synced.sim.churn(0.2, 1).length).toBeGreaterThan(0);
    const second = await synced.sync();
    const fromStore = await directoryOfSync(synced.database, second);
    expect(fromStore).not.toStrictEqual(await directoryOfSync(synced.database, first));

    // The restart: the folder holds the older sync's copy, the store names the new sync.
    const directory = await keptDirectoryOfSync(synced.database, second, dir.path);
    expect(directory.sync?.id).toBe(second.id);
    expect(directory).toStrictEqual(fromStore);
    // The copy is now the new sync's, and the older one is gone.
    await vi.waitFor(() => expect(existsSync(oldFile)).toBe(false));
    expect(await keptDirectoryOfSync(unreadable(), second, dir.path)).toStrictEqual(fromStore);
  });
});
