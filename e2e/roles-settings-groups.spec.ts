import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { E2E_ACCESS_KEY, E2E_OFFICER, e2eEnvironment } from "./environment";
import { ensureCompleteSync, logIn } from "./helpers";

/*
 * Roles, settings and groups in the browser, against `next start` and the simulator. Every
 * expectation is computed here from the simulator's own answers (asked directly, with the key),
 * never from the page code: a count, a facet, a drift marker or a CSV is right only if it matches.
 */

const env = e2eEnvironment();

type Org = { uuid: string; name: string };
type Role = { id: string; name: string };
type Permission = { action: string; resource_type: string; resource_id: string | null };
type Group = { id: string; name: string; source_type: string; roles: string[] | null };
type Member = { user_id: string; email: string; created_at?: string | null };
type User = { id: string; full_name: string; email: string; organization_role: string };
type Setting = { name: string; value: unknown };

async function simGet<T>(path: string, query: Record<string, string> = {}): Promise<T> {
  const url = new URL(`/v1/compliance${path}`, env.simUrl);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, { headers: { "x-api-key": E2E_ACCESS_KEY } });
    if (res.status === 429 && attempt < 5) {
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get("retry-after") ?? "1")));
      continue;
    }
    if (!res.ok) throw new Error(`simulator ${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }
}

async function simAll<T>(path: string): Promise<T[]> {
  const rows: T[] = [];
  let page: string | undefined;
  for (;;) {
    const body = await simGet<{ data: T[]; has_more?: boolean; next_page?: string | null }>(path, { limit: "1000", ...(page ? { page } : {}) });
    rows.push(...body.data);
    if (!body.has_more || !body.next_page) return rows;
    page = body.next_page;
  }
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** Equal settings give equal text: lists as sets, objects with sorted keys. */
function canonical(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.every((x) => typeof x === "string") ? [...v].sort() : v.map(norm);
    if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, norm((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(norm(value));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The toolbar's facet button for a column (the sort button in the header has the same name). */
async function openFacet(page: Page, label: string) {
  await page.locator('button[aria-haspopup="dialog"]', { hasText: label }).first().click();
}

async function seriousAxeViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

let orgs: Org[];
test.beforeAll(async () => {
  orgs = await simAll<Org>("/organizations");
});

/** Per organization, the settings where it differs from `base` (null per setting: no majority, so every organization of a multi-valued setting). */
function differingFrom(all: { settings: Setting[] }[], names: string[], base: Map<string, string | null>): Set<string>[] {
  const valueOf = (s: { settings: Setting[] }, name: string) => {
    const hit = s.settings.find((x) => x.name === name);
    return hit ? canonical(hit.value) : "(not reported)";
  };
  const distinct = new Map(names.map((n) => [n, new Set(all.map((s) => valueOf(s, n))).size]));
  return all.map((s) => new Set(names.filter((n) => (base.get(n) === null ? distinct.get(n)! > 1 : valueOf(s, n) !== base.get(n)))));
}

test("the settings comparison: organizations as rows, a baseline, and only the differences", async ({ page }) => {
  const all = await Promise.all(orgs.map((o) => simGet<{ settings: Setting[] }>(`/organizations/${o.uuid}/settings`)));
  const names = [...new Set(all.flatMap((s) => s.settings.map((x) => x.name)))];
  const valueOf = (s: { settings: Setting[] }, name: string) => {
    const hit = s.settings.find((x) => x.name === name);
    return hit ? canonical(hit.value) : "(not reported)";
  };
  const majority = new Map(
    names.map((n) => {
      const counts = new Map<string, number>();
      for (const s of all) counts.set(valueOf(s, n), (counts.get(valueOf(s, n)) ?? 0) + 1);
      const top = Math.max(...counts.values());
      const leaders = [...counts].filter(([, c]) => c === top);
      return [n, leaders.length === 1 ? leaders[0]![0] : null] as const;
    }),
  );
  const betweenOrgs = names.filter((n) => new Set(all.map((s) => valueOf(s, n))).size > 1);
  expect(betweenOrgs.length).toBeGreaterThan(0);
  const sentence = (diff: Set<string>[]) => {
    const orgsDiffering = diff.filter((d) => d.size > 0).length;
    const settingsDiffering = new Set(diff.flatMap((d) => [...d])).size;
    if (orgsDiffering === 0) return `0 of ${fmt(orgs.length)} organizations differ from the baseline: all hold the baseline's values.`;
    return `${fmt(orgsDiffering)} of ${fmt(orgs.length)} organizations ${orgsDiffering === 1 ? "differs" : "differ"} from the baseline in ${fmt(settingsDiffering)} ${settingsDiffering === 1 ? "setting" : "settings"}.`;
  };

  await logIn(page, E2E_OFFICER, "/settings/compare");
  await expect(page.getByText(`${fmt(orgs.length)} organizations compared`)).toBeVisible({ timeout: 45_000 });
  await expect(page.getByText(`${fmt(betweenOrgs.length)} of ${fmt(names.length)} settings differ`)).toBeVisible();

  // Against the majority: every organization's differing cells are exactly those computed here.
  const vsMajority = differingFrom(all, names, majority);
  await expect(page.getByTestId("difference-report")).toHaveText(sentence(vsMajority));
  for (const [i, o] of orgs.entries()) {
    const row = page.locator("tbody tr", { has: page.locator(`[data-org="${o.uuid}"]`) });
    await row.scrollIntoViewIfNeeded();
    const marked = await row.locator('[data-differs="true"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-setting")));
    expect(marked.sort(), o.name).toEqual([...vsMajority[i]!].sort());
  }

  // Only differences: the organizations that differ, and only the setting columns where one does.
  await page.getByLabel("Only differences").click();
  await expect(page.getByLabel("Only differences")).toBeChecked();
  await expect(page).toHaveURL(/[?&]diff=1/);
  const differingOrgs = vsMajority.filter((d) => d.size > 0).length;
  await expect(page.locator("tbody tr[aria-rowindex]")).toHaveCount(differingOrgs);
  const shownSettings = new Set(vsMajority.flatMap((d) => [...d]));
  await expect(page.locator("thead th")).toHaveCount(2 + shownSettings.size);
  await page.goBack();
  await expect(page.getByLabel("Only differences")).not.toBeChecked();
  await expect(page.locator("thead th")).toHaveCount(2 + names.length);

  // A chosen organization as the baseline, kept in the URL.
  const chosen = orgs[orgs.length - 1]!;
  const chosenSettings = all[orgs.length - 1]!;
  await page.getByLabel("Baseline", { exact: true }).selectOption(chosen.uuid);
  await expect(page).toHaveURL(new RegExp(`[?&]baseline=${chosen.uuid}`));
  const vsChosen = differingFrom(all, names, new Map(names.map((n) => [n, valueOf(chosenSettings, n)])));
  await expect(page.getByTestId("difference-report")).toHaveText(sentence(vsChosen));
  await page.reload();
  await expect(page.getByTestId("difference-report")).toHaveText(sentence(vsChosen), { timeout: 45_000 });
});

test("one organization's settings read in plain words, with the raw answer on request", async ({ page }) => {
  const org = orgs[0]!;
  const effective = await simGet<{ settings: Setting[] }>(`/organizations/${org.uuid}/settings`);
  await logIn(page, E2E_OFFICER, `/organizations/${org.uuid}/settings`);
  await expect(page.getByText(/omitted/)).toBeVisible({ timeout: 30_000 });
  for (const s of effective.settings) await expect(page.locator(`tr[data-setting="${s.name}"]`)).toBeVisible();
  const session = effective.settings.find((s) => s.name === "account_session_duration_seconds");
  if (session && session.value === null) await expect(page.locator('tr[data-setting="account_session_duration_seconds"]')).toContainText(/no limit/i);
  await page.getByText("Raw JSON").click();
  await expect(page.locator("pre")).toContainText(`"organization_id": "${org.uuid}"`);
});

test("a role shows every permission it carries, and the action facet narrows them", async ({ page }) => {
  const org = orgs[0]!;
  const roles = await simAll<Role>(`/organizations/${org.uuid}/roles`);
  // The simulator's first organization holds one role with more permissions than a page carries.
  const role = roles.find((r) => r.name === "All-Projects Auditor") ?? roles[0]!;
  const permissions = await simAll<Permission>(`/organizations/${org.uuid}/roles/${role.id}/permissions`);
  const action = permissions[0]!.action;
  const withAction = permissions.filter((p) => p.action === action).length;

  await logIn(page, E2E_OFFICER, `/organizations/${org.uuid}/roles/${role.id}`);
  await expect(page.getByRole("heading", { name: new RegExp(escapeRe(role.name)) })).toBeVisible();
  await expect(page.getByText(`${fmt(permissions.length)} permissions`, { exact: true })).toBeVisible({ timeout: 45_000 });

  await openFacet(page, "Action");
  const box = page.getByRole("checkbox", { name: new RegExp(`^${escapeRe(action)} `) });
  await box.click();
  await expect(box).toBeChecked();
  await page.keyboard.press("Escape");
  // Read as the app reads it: `projects:read` and `projects%3Aread` are the same link.
  await expect.poll(() => new URL(page.url()).searchParams.getAll("action")).toEqual([action]);
  await expect(page.getByText(`${fmt(withAction)} of ${fmt(permissions.length)} permissions`)).toBeVisible();

  // Breadcrumbs: organization → role → permission.
  await page.getByRole("button", { name: action, exact: true }).first().click();
  const trail = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(trail).toContainText(org.name);
  await expect(trail).toContainText(role.name);
  await expect(trail).toContainText(action);
  // Whole names, not "Organizati… › Acme Mo…": the header wraps its other items to a second line first.
  const clipped = await trail.locator("a, [aria-current=page]").evaluateAll((crumbs) => crumbs.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent));
  expect(clipped, "crumbs cut short").toEqual([]);
});

test("a role lists exactly the groups whose roles name it, and a group's role links back to its permissions", async ({ page }) => {
  const groups = await simAll<Group>("/groups");
  const granted = groups.find((g) => (g.roles ?? []).length > 0)!;
  const roleId = granted.roles![0]!;
  let owner: Org | undefined;
  let role: Role | undefined;
  for (const o of orgs) {
    role = (await simAll<Role>(`/organizations/${o.uuid}/roles`)).find((r) => r.id === roleId);
    if (role) {
      owner = o;
      break;
    }
  }
  expect(owner && role).toBeTruthy();
  const expected = groups.filter((g) => g.roles?.includes(roleId)).map((g) => g.name).sort();

  await logIn(page, E2E_OFFICER, `/groups/${granted.id}`);
  await page.getByRole("link", { name: new RegExp(`^${escapeRe(role!.name)} · ${escapeRe(owner!.name)}`) }).click({ timeout: 45_000 });
  await expect(page).toHaveURL(new RegExp(`/organizations/${owner!.uuid}/roles/${roleId}$`));
  const section = page.locator("section", { has: page.getByRole("heading", { name: /Groups that grant this role/ }) });
  await expect(section.getByRole("heading")).toHaveText(`Groups that grant this role (${expected.length})`, { timeout: 45_000 });
  const shown = (await section.getByRole("link").allTextContents()).sort();
  expect(shown).toEqual(expected);
});

test("the groups list counts each source and resolves role names", async ({ page }) => {
  const groups = await simAll<Group>("/groups");
  const direct = groups.filter((g) => g.source_type === "direct").length;
  const scim = groups.filter((g) => g.source_type === "scim").length;

  await logIn(page, E2E_OFFICER, "/groups");
  await expect(page.getByText(`${fmt(groups.length)} groups`, { exact: true })).toBeVisible({ timeout: 30_000 });
  await openFacet(page, "Source");
  await expect(page.locator("label", { hasText: "direct (made in Claude)" })).toContainText(fmt(direct));
  await expect(page.locator("label", { hasText: "scim (synced" })).toContainText(fmt(scim));
  await page.getByRole("checkbox", { name: /^scim/ }).click();
  await expect(page.getByRole("checkbox", { name: /^scim/ })).toBeChecked();
  await page.keyboard.press("Escape");
  await expect(page.getByText(`${fmt(scim)} of ${fmt(groups.length)} groups`)).toBeVisible();
  await expect(page).toHaveURL(/[?&]source=scim/);
  await expect(page.getByText(/Role names resolved across/)).toBeVisible({ timeout: 45_000 });

  // A group granting more roles than a row shows says how many more, and names them all on hover.
  const many = groups.find((g) => (g.roles?.length ?? 0) > 2);
  expect(many, "the simulator's tree has a group granting three roles or more").toBeTruthy();
  await page.goto("/groups");
  await page.getByRole("searchbox").first().fill(many!.name);
  const row = page.getByRole("row", { name: new RegExp(escapeRe(many!.name)) }).first();
  await expect(row.getByText(`+${many!.roles!.length - 2} more`)).toBeVisible({ timeout: 30_000 });
  expect(((await row.locator("[title]", { has: page.getByText(/more$/) }).first().getAttribute("title")) ?? "").split("\n")).toHaveLength(many!.roles!.length);
});

test("a group's members CSV holds every member with the name and organizations joined from the users lists", async ({ page, baseURL }) => {
  const groups = await simAll<Group>("/groups");
  let group: Group | undefined;
  let members: Member[] = [];
  for (const g of groups) {
    members = await simAll<Member>(`/groups/${g.id}/members`);
    if (members.length >= 3 && members.length <= 400) {
      group = g;
      break;
    }
  }
  expect(group).toBeTruthy();
  const people = new Map<string, { name: string; orgs: { uuid: string; name: string; role: string }[] }>();
  for (const o of orgs) {
    for (const u of await simAll<User>(`/organizations/${o.uuid}/users`)) {
      const p = people.get(u.id) ?? { name: u.full_name, orgs: [] };
      p.orgs.push({ uuid: o.uuid, name: o.name, role: u.organization_role });
      people.set(u.id, p);
    }
  }
  const guard = (s: string) => (/^[=+\-@\t\r\n]/.test(s) ? `'${s}` : s);
  const expected = members
    .map((m) => {
      const p = people.get(m.user_id);
      return [
        m.user_id,
        m.email,
        p?.name ?? "",
        (p?.orgs ?? []).map((o) => o.uuid).join("; "),
        (p?.orgs ?? []).map((o) => o.name).join("; "),
        (p?.orgs ?? []).map((o) => o.role).join("; "),
        m.created_at ?? "",
      ].map(guard);
    })
    .sort((a, b) => a[0]!.localeCompare(b[0]!));

  await logIn(page, E2E_OFFICER, `/groups/${group!.id}`);
  // The file is built on the server from the sync the page shows: read the page from a complete one.
  await ensureCompleteSync(page.request, baseURL!);
  await page.reload();
  await expect(page.getByText(/Names and organizations joined from the synced directory/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(`${fmt(members.length)} members`, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Download", exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: `Download ${fmt(members.length)} rows` }).click()]);
  const text = await readFile((await download.path())!, "utf8");
  const [header, ...rows] = parse(text) as string[][];
  expect(header).toEqual(["user_id", "email", "full_name", "organization_uuids", "organization_names", "organization_roles", "added_at"]);
  expect(rows.sort((a, b) => a[0]!.localeCompare(b[0]!))).toEqual(expected);
});

test("roles, settings, comparison and groups pages have no serious accessibility violations", async ({ page }) => {
  const org = orgs[0]!;
  const roles = await simAll<Role>(`/organizations/${org.uuid}/roles`);
  const groups = await simAll<Group>("/groups");
  await logIn(page);
  const pages: [string, RegExp | string][] = [
    [`/organizations/${org.uuid}/roles`, "roles"],
    [`/organizations/${org.uuid}/roles/${roles[0]!.id}`, "permissions"],
    [`/organizations/${org.uuid}/settings`, /omitted/],
    ["/settings/compare", /organizations compared/],
    ["/groups", "groups"],
    [`/groups/${groups[0]!.id}`, /members/],
  ];
  for (const [url, ready] of pages) {
    await page.goto(url);
    // The first visible match: the same words may sit in the print layout or a closed menu.
    await expect(page.getByText(ready).filter({ visible: true }).first()).toBeVisible({ timeout: 45_000 });
    expect(await seriousAxeViolations(page), url).toEqual([]);
  }
});
