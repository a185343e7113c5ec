import "server-only";
import { createHash } from "node:crypto";
import type { AuditEntry } from "@/lib/shared/audit/entry";

/*
 * The audit log's hash chain: hash = SHA-256(prev_hash, "\n", canonical JSON of the entry), where
 * canonical JSON has object keys sorted at every level and omits absent fields. The first entry
 * links to GENESIS. Changing any field of an entry changes its hash; removing or inserting one
 * breaks the link of the entry after it.
 */

export const GENESIS_HASH = "0".repeat(64);

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

export function chainHash(prevHash: string, entry: AuditEntry): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(entry)).digest("hex");
}

/**
 * Strings as PostgreSQL can keep them and give back unchanged: a NUL (refused by text and jsonb)
 * and a lone UTF-16 surrogate (turned into U+FFFD on the way to UTF-8) become U+FFFD first, so
 * the hash is computed over what is stored. Attacker-chosen usernames reach the log.
 */
export function storable<T>(value: T): T {
  if (typeof value === "string") return value.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD") as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
  }
  return value;
}
