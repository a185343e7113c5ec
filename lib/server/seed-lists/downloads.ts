import { csvFilename, csvText } from "@/lib/shared/csv/write";
import type { Resolution, SeedDownloadFormat } from "@/lib/shared/seed-lists/schema";

/*
 * A resolved list as the files officers hand on: CSV for people, plain ids for pasting into
 * other tools (nothing quoted or escaped: ids are `user_[A-Za-z0-9_-]`), and JSON shaped for the
 * Activity Feed (`actor_ids`) and chat (`user_ids`) queries. Only matched people are in them.
 */

export const SEED_CSV_HEADER = ["user_id", "email", "full_name", "organization_uuids"] as const;

export function seedListCsv(resolution: Resolution, opts: { bom?: boolean } = {}): string {
  return csvText(
    SEED_CSV_HEADER,
    resolution.people.map((p) => [p.user_id, p.email, p.full_name, p.organization_uuids.join(";")]),
    opts,
  );
}

export function seedListIdsText(resolution: Resolution): string {
  return resolution.people.map((p) => `${p.user_id}\n`).join("");
}

export interface SeedListQueryJson {
  actor_ids: string[];
  user_ids: string[];
  organization_ids: string[];
}

/** Ids for the Activity Feed and chat queries; organization_ids are every organization the people are in. */
export function seedListQueryJson(resolution: Resolution): SeedListQueryJson {
  const ids = resolution.people.map((p) => p.user_id);
  const orgs = new Set<string>();
  for (const p of resolution.people) for (const o of p.organization_uuids) orgs.add(o);
  return { actor_ids: ids, user_ids: [...ids], organization_ids: [...orgs] };
}

export const SEED_DOWNLOAD_TYPES: Record<SeedDownloadFormat, { contentType: string; ext: string }> = {
  csv: { contentType: "text/csv; charset=utf-8", ext: "csv" },
  txt: { contentType: "text/plain; charset=utf-8", ext: "txt" },
  json: { contentType: "application/json; charset=utf-8", ext: "json" },
};

export function seedListFile(resolution: Resolution, format: SeedDownloadFormat, opts: { bom?: boolean } = {}): string {
  switch (format) {
    case "csv":
      return seedListCsv(resolution, opts);
    case "txt":
      return seedListIdsText(resolution);
    case "json":
      return JSON.stringify(seedListQueryJson(resolution), null, 2) + "\n";
  }
}

/** `seed-list-legal-hold-2026-q2-2026-05-01.csv`: the list's name, made safe for every file system. */
export function seedListFilename(name: string, format: SeedDownloadFormat, at: Date = new Date()): string {
  const slug =
    name
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") // the runs are single dashes already
      .slice(0, 60) || "list";
  return csvFilename(`seed-list-${slug}`, at, SEED_DOWNLOAD_TYPES[format].ext);
}
