import { useSyncExternalStore } from "react";
import type { WalkState } from "./walk-pages";

/*
 * The rows of walks that have not finished, keyed by query hash. TanStack Query only holds a
 * query's data once its queryFn resolves; officers need the rows while a 50-page walk runs, and a
 * cancelled walk should resume from its last page rather than from the first. A finished walk's
 * entry is removed: its rows then live in the query cache.
 */

export type WalkPhase = "running" | "stopped" | "failed";

export interface WalkSnapshot {
  state: WalkState<unknown>;
  phase: WalkPhase;
  updatedAt: number;
  /** Which run wrote it: a cancelled run finishing late must not overwrite the run that replaced it. */
  runId: number;
}

type Listener = () => void;

class WalkProgressStore {
  private snapshots = new Map<string, WalkSnapshot>();
  private listeners = new Set<Listener>();
  private version = 0;

  get(hash: string): WalkSnapshot | undefined {
    return this.snapshots.get(hash);
  }

  set(hash: string, snapshot: WalkSnapshot): void {
    this.snapshots.set(hash, snapshot);
    this.emit();
  }

  /**
   * Sets an entry nobody reads yet without telling anyone: called while a component renders (a
   * first screen's page, walk-query.ts `startFromSeed`), where notifying would update others mid-render.
   */
  seed(hash: string, snapshot: WalkSnapshot): void {
    if (!this.snapshots.has(hash)) this.snapshots.set(hash, snapshot);
  }

  /** Writes only while `runId` still owns the entry (or nobody does). */
  setIfOwner(hash: string, snapshot: WalkSnapshot): void {
    const current = this.snapshots.get(hash);
    if (current && current.runId !== snapshot.runId) return;
    this.set(hash, snapshot);
  }

  deleteIfOwner(hash: string, runId: number): void {
    const current = this.snapshots.get(hash);
    if (current && current.runId === runId && this.snapshots.delete(hash)) this.emit();
  }

  /** Forget every partial walk: the Refresh button starts them all again from the first page. */
  clear(): void {
    if (this.snapshots.size === 0) return;
    this.snapshots.clear();
    this.emit();
  }

  getVersion = (): number => this.version;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}

export const walkProgress = new WalkProgressStore();

const serverSnapshot = () => undefined;

/** The partial walk behind one query hash, re-rendering as pages arrive. */
export function useWalkSnapshot(hash: string): WalkSnapshot | undefined {
  return useSyncExternalStore(walkProgress.subscribe, () => walkProgress.get(hash), serverSnapshot);
}

/** A number that changes whenever any walk made progress: for views that read many snapshots. */
export function useWalkProgressVersion(): number {
  return useSyncExternalStore(walkProgress.subscribe, walkProgress.getVersion, () => 0);
}
