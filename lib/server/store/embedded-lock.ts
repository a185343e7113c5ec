import "server-only";
import { openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import { hostname } from "node:os";
import { StoreUnavailableError } from "./errors";

/*
 * One process per embedded database. PGlite keeps no lock of its own, and two processes writing one
 * data directory would corrupt it, so the folder carries a lock file naming its owner. A lock left by
 * a process that is gone (a crash, a kill -9) is taken over; a live owner refuses the newcomer with
 * the one line that says what to do instead.
 */

export interface EmbeddedLock {
  release(): void;
}

interface Owner {
  pid: number;
  host: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(file: string): Owner | undefined {
  try {
    const o = JSON.parse(readFileSync(file, "utf8")) as Owner;
    return typeof o.pid === "number" ? o : undefined;
  } catch {
    return undefined;
  }
}

export function acquireEmbeddedLock(file: string): EmbeddedLock {
  const me: Owner = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return {
        release() {
          const o = readOwner(file);
          if (o && o.pid === me.pid && o.host === me.host) rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new StoreUnavailableError(`Cannot write the embedded database's lock file ${file}: ${(err as Error).message}. Check that DATA_DIR is writable.`, err);
      }
      const owner = readOwner(file);
      const stale = !owner || owner.host !== me.host || owner.pid === me.pid || !alive(owner.pid);
      if (owner && !stale) {
        throw new StoreUnavailableError(
          `The embedded database in ${file.replace(/[\\/]db\.lock$/, "")} is already open in another process (pid ${owner.pid}); one instance per DATA_DIR: use DATABASE_URL to run several instances.`,
        );
      }
      // Another host's lock on a shared folder cannot be checked; treating it as stale is the
      // lesser harm only when the folder is not actually shared, which DATA_DIR on one machine is.
      rmSync(file, { force: true });
    }
  }
  throw new StoreUnavailableError(`Cannot take the embedded database's lock ${file}; use DATABASE_URL to run several instances.`);
}
