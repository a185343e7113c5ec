import { createHash } from "node:crypto";

/*
 * Redis keys of one deployment: the upstream's answers depend on which parent organization the
 * access key reaches, so two deployments with different keys on one Redis must never read each
 * other's answers. The namespace is a one-way digest of the base URL and the key; the key itself
 * is never written to Redis, in a name or a value.
 */

export const KEY_PREFIX = "compliance-directory";

export function cacheNamespace(baseUrl: string, accessKey: string): string {
  const digest = createHash("sha256").update(`compliance-directory\n${baseUrl}\n${accessKey}`).digest("hex").slice(0, 16);
  return `${KEY_PREFIX}:${digest}`;
}
