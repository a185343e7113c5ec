import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { JsonlAuditStore } from "@/lib/server/audit/jsonl-store";
import { openDatabase, type Database } from "@/lib/server/store/database";

/*
 * Throwaway stores for tests, each in a temporary folder removed after it. Opening an embedded
 * database is slow, so a test file opens one and empties the tables it writes before each test.
 */

export interface ThrowawayDatabase {
  /** The folder the database lives in. */
  readonly dir: string;
  /** The open database (a new one after `reopen`). */
  readonly database: Database;
  /** Closes the database and opens it again on the same folder, as a restart does. */
  reopen(): Promise<Database>;
}

/** Registers the file's hooks; `reset` holds the statements that empty its tables before each test. */
export function throwawayDatabase(prefix: string, reset: readonly string[]): ThrowawayDatabase {
  let dir = "";
  let database: Database | undefined;
  const open = () => {
    if (!database) throw new Error("The throwaway database is opened in beforeAll; use it inside a test or hook.");
    return database;
  };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
    database = await openDatabase({ dataDir: dir });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    for (const statement of reset) await open().query(statement);
  });
  return {
    get dir() {
      return dir;
    },
    get database() {
      return open();
    },
    async reopen() {
      await open().close();
      database = await openDatabase({ dataDir: dir });
      return database;
    },
  };
}

/** A fresh empty folder for each test of the file, removed after it. */
export function throwawayDirEach(prefix: string): { readonly path: string } {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return {
    get path() {
      return dir;
    },
  };
}

export interface ThrowawayAuditLog {
  readonly dir: string;
  readonly audit: JsonlAuditStore;
  /** Closes the log and opens it again on the same folder, as a restart does. */
  reopen(): Promise<JsonlAuditStore>;
}

/** A JSON Lines audit log of its own for each test of the file. */
export function throwawayAuditLogEach(prefix: string): ThrowawayAuditLog {
  let dir = "";
  let audit: JsonlAuditStore | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
    audit = JsonlAuditStore.inDataDir(dir);
  });
  afterEach(async () => {
    await audit?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    get audit() {
      return audit!;
    },
    async reopen() {
      await audit?.close();
      audit = JsonlAuditStore.inDataDir(dir);
      return audit;
    },
  };
}
