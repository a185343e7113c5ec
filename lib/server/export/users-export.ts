import "server-only";
import type { Organization, User } from "@/lib/shared/compliance/schemas";
import type { AuditStore } from "@/lib/server/audit/store";
import { csvLine, csvRows, UTF8_BOM, type CsvCell } from "@/lib/shared/csv/write";
import { requestedExportStream, type AuditedExportOptions, type ExportChunk } from "./audited-stream";
import { xlsxChunks } from "./xlsx-stream";
import type { DirectorySource } from "./directory-source";
import { refuseUnknownIds } from "./refusal";
import { userMatches, usersExportFilters, type UsersExportQuery } from "@/lib/shared/export/users-query";

/*
 * Every user of every (chosen) organization, as CSV (CONTRACT.md) or NDJSON, streamed: each page
 * of users becomes text as soon as it arrives; no export ever holds more than one page.
 * A user in several organizations appears once per organization, as the upstream lists them.
 */

export const USERS_EXPORT_COLUMNS = [
  "organization_uuid",
  "organization_name",
  "user_id",
  "email",
  "full_name",
  "organization_role",
  "created_at",
] as const;

/**
 * The organizations an export walks, in upstream order (created_at ascending). Read before the
 * response starts, so an unknown `org=` is a 404 and an upstream failure here a JSON error,
 * not a broken download.
 */
export async function selectOrganizations(source: DirectorySource, orgIds: readonly string[], signal: AbortSignal): Promise<Organization[]> {
  const wanted = new Set(orgIds.map((id) => id.toLowerCase()));
  const chosen: Organization[] = [];
  for await (const page of source.organizationPages(signal)) {
    for (const org of page) {
      if (wanted.size === 0 || wanted.has(org.uuid.toLowerCase())) chosen.push(org);
    }
  }
  refuseUnknownIds("organization", "Organizations", wanted, new Set(chosen.map((o) => o.uuid.toLowerCase())));
  return chosen;
}

export interface UsersExportOptions {
  source: DirectorySource;
  audit: AuditStore;
  actor: string;
  /** From selectOrganizations. */
  organizations: readonly Organization[];
  query: UsersExportQuery;
  /** The sync the rows are read from (as_of), for the audit entry. */
  syncId?: string;
  /** The request's signal: a client that goes away cancels the walk. */
  signal?: AbortSignal;
}

async function* matchingUserPages<T>(opts: UsersExportOptions, signal: AbortSignal, format: (org: Organization, users: User[]) => T): AsyncGenerator<T> {
  for (const org of opts.organizations) {
    for await (const page of opts.source.userPages(org.uuid, signal)) {
      yield format(
        org,
        page.filter((u) => userMatches(u, opts.query)),
      );
    }
  }
}

const userCells = (org: Organization, users: User[]): CsvCell[][] =>
  users.map((u) => [org.uuid, org.name, u.id, u.email, u.full_name, u.organization_role, u.created_at]);

const csvChunk = (org: Organization, users: User[]): ExportChunk => ({ text: csvRows(userCells(org, users)), rows: users.length });

/** One users file for the request; only the CSV can carry a BOM, so only its audit entry logs `bom`. */
function usersFileStream(opts: UsersExportOptions, target: string, file: Pick<AuditedExportOptions, "preamble" | "produce">): ReadableStream<Uint8Array> {
  const query = target === "users.csv" ? opts.query : { ...opts.query, bom: false };
  return requestedExportStream(opts, { target, syncId: opts.syncId, filters: usersExportFilters(query), ...file });
}

/** `users.csv`: BOM if asked, the CONTRACT.md header, one row per membership; formula-guarded by lib/shared/csv. */
export function usersCsvStream(opts: UsersExportOptions): ReadableStream<Uint8Array> {
  const preamble = (opts.query.bom ? UTF8_BOM : "") + csvLine(USERS_EXPORT_COLUMNS);
  return usersFileStream(opts, "users.csv", { preamble, produce: (signal) => matchingUserPages(opts, signal, csvChunk) });
}

/** `users.xlsx`: the CSV's header and rows, every cell a text cell (no formula guard needed, none applied). */
export function usersXlsxStream(opts: UsersExportOptions): ReadableStream<Uint8Array> {
  const rows = (signal: AbortSignal) => matchingUserPages(opts, signal, (org, users) => ({ cells: userCells(org, users) }));
  return usersFileStream(opts, "users.xlsx", { produce: (signal) => xlsxChunks("users", USERS_EXPORT_COLUMNS, rows(signal)) });
}

const ndjsonChunk = (org: Organization, users: User[]): ExportChunk => ({
  text: users.map((u) => JSON.stringify(ndjsonRecord(org, u)) + "\n").join(""),
  rows: users.length,
});

/** The CSV's columns first; fields a later API revision adds to users follow, never dropped. */
function ndjsonRecord(org: Organization, u: User): Record<string, unknown> {
  const record: Record<string, unknown> = {
    organization_uuid: org.uuid,
    organization_name: org.name,
    user_id: u.id,
    email: u.email,
    full_name: u.full_name,
    organization_role: u.organization_role,
    created_at: u.created_at,
  };
  for (const [k, v] of Object.entries(u)) if (k !== "id" && !(k in record)) record[k] = v;
  return record;
}

/** `users.ndjson`: one JSON object per line, same fields as the CSV (not formula-guarded: not for spreadsheets). */
export function usersNdjsonStream(opts: UsersExportOptions): ReadableStream<Uint8Array> {
  return usersFileStream(opts, "users.ndjson", { produce: (signal) => matchingUserPages(opts, signal, ndjsonChunk) });
}
