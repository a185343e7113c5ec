/*
 * Which RBAC permission actions count as administrative. The default names what changes who has
 * access or where data goes (write and delete on members, roles, groups, settings, keys, billing,
 * compliance and connectors; every export; device management); COMPLIANCE_PRIVILEGED_ACTIONS
 * replaces it with a comma-separated list of actions, where `*` stands for any run of characters
 * (e.g. `*:export,settings:*`).
 */

export const DEFAULT_PRIVILEGED_ACTIONS = [
  "members:write",
  "members:delete",
  "roles:write",
  "groups:write",
  "settings:write",
  "api_keys:*",
  "billing:write",
  "compliance:write",
  "connectors:write",
  "*:export",
  "*:delete",
  "claude_code:manage_devices",
] as const;

const PATTERN_RE = /^[A-Za-z0-9_*:.-]{1,100}$/;

export function parsePrivilegedActions(raw: string | undefined): string[] | string {
  if (!raw?.trim()) return [...DEFAULT_PRIVILEGED_ACTIONS];
  const list = raw.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = list.find((p) => !PATTERN_RE.test(p));
  if (bad !== undefined) return `COMPLIANCE_PRIVILEGED_ACTIONS entry "${bad.slice(0, 40)}" is not an action pattern (letters, digits, _ : . - and *)`;
  return list.length ? list : [...DEFAULT_PRIVILEGED_ACTIONS];
}

/** One matcher for a list of patterns; `*` matches any run of characters, nothing else is special. */
export function actionMatcher(patterns: readonly string[]): (action: string) => boolean {
  const exact = new Set(patterns.filter((p) => !p.includes("*")));
  const globs = patterns
    .filter((p) => p.includes("*"))
    .map((p) => p.split("*").map((part) => part.replace(/\./g, "\\.")))
    .map((parts) => new RegExp(`^${parts.join("[^\\n]*")}$`));
  const memo = new Map<string, boolean>();
  return (action) => {
    let hit = memo.get(action);
    if (hit === undefined) {
      hit = exact.has(action) || globs.some((g) => g.test(action));
      memo.set(action, hit);
    }
    return hit;
  };
}
