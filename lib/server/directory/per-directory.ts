import "server-only";
import { processWide } from "@/lib/server/process-wide";
import type { Directory } from "@/lib/shared/directory/types";
import { SlicedBuild, type Steps } from "./time-slices";

/*
 * Something derived from a Directory (an index, a catalog), built on first use and kept as long as
 * the directory is: a sync's directory never changes, so neither does anything built from it. One
 * per process under `name` (process-wide.ts), whichever layer's copy of this module asks.
 */
export function perDirectory<T>(name: string, build: (directory: Directory) => T): (directory: Directory) => T {
  const built = processWide(`per-directory.${name}`, () => new WeakMap<Directory, T>());
  return (directory) => {
    let value = built.get(directory);
    if (value === undefined) {
      value = build(directory);
      built.set(directory, value);
    }
    return value;
  };
}

export interface PerDirectorySliced<T> {
  /** The value now: finishes a build under way (or builds it) without yielding. */
  (directory: Directory): T;
  /** The value once built in slices that leave the event loop free; concurrent callers share the one build. */
  ready(directory: Directory): Promise<T>;
}

/**
 * As perDirectory, for a build too long to hold the event loop for (150,000 people): written as
 * steps (time-slices.ts), so one build per directory serves both the callers that wait for it in
 * slices and any that need it at once.
 */
export function perDirectorySliced<T>(name: string, steps: (directory: Directory) => Steps<T>): PerDirectorySliced<T> {
  const builds = processWide(`per-directory.${name}`, () => new WeakMap<Directory, SlicedBuild<T>>());
  const buildOf = (directory: Directory) => {
    let build = builds.get(directory);
    if (!build) {
      build = new SlicedBuild(steps(directory));
      builds.set(directory, build);
    }
    return build;
  };
  return Object.assign((directory: Directory) => buildOf(directory).now(), { ready: (directory: Directory) => buildOf(directory).inSlices() });
}
