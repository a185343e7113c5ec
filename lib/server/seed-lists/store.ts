import type { Resolution, ResolutionRef, SeedListMeta, SourceRecord } from "@/lib/shared/seed-lists/schema";

/*
 * Where saved seed lists live. One embedded implementation (files under the data directory) for a
 * single instance; several instances need a shared one behind this same interface, as with the
 * audit store. A saved list's input never changes; each re-resolution adds to its history.
 */

export interface NewSeedList {
  /** Chosen by the caller when the save goes on record before it is kept (see newSeedListId); a new one otherwise. */
  id?: string;
  name: string;
  createdBy: string;
  sources: SourceRecord[];
  resolution: Resolution;
}

export interface StoredSeedList {
  meta: SeedListMeta;
  sources: SourceRecord[];
  /** Kept resolutions, oldest first. */
  history: ResolutionRef[];
}

export interface SeedListStore {
  create(list: NewSeedList): Promise<SeedListMeta>;
  /** Newest first. */
  list(): Promise<SeedListMeta[]>;
  /** null when there is no such list. */
  get(id: string): Promise<StoredSeedList | null>;
  /** One kept resolution by its number (1 = the resolution made when the list was saved). */
  resolution(id: string, number: number): Promise<Resolution | null>;
  /** Adds a resolution (a re-resolve); null when there is no such list. */
  addResolution(id: string, resolution: Resolution): Promise<ResolutionRef | null>;
}
