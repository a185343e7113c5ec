import { expect, test, type Page } from "@playwright/test";
import { allPages, ensureCompleteSync, logIn } from "./helpers";

/*
 * After a sync the Overview and the settings comparison each ask the server one whole-tree question
 * (GET /api/directory/overview, /api/directory/settings) instead of one per organization, and what
 * they show is what each organization's own lists give.
 */

const fmt = (n: number) => n.toLocaleString("en-US");
type Org = { uuid: string; name: string };

function directoryRequests(page: Page): string[] {
  const asked: string[] = [];
  page.on("request", (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith("/api/directory/")) asked.push(pathname);
  });
  return asked;
}

test("the Overview counts every organization from one request, as each organization's lists give them", async ({ page, baseURL }) => {
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const asked = directoryRequests(page);
  await page.goto("/");
  await expect(page.getByText(/^Every organization counted, from the sync finished /)).toBeVisible();

  const orgs = await allPages<Org>(page.request, "/api/directory/organizations");
  const { counts } = (await (await page.request.get("/api/directory/summary")).json()) as { counts: { memberships: number; groups: number } };
  const figure = (label: string) => page.locator("dl > div", { has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd").first();
  await expect(figure("Organizations")).toHaveText(fmt(orgs.length));
  await expect(figure("Memberships")).toHaveText(fmt(counts.memberships));
  await expect(figure("Groups")).toHaveText(fmt(counts.groups));

  const headers = await page.locator("thead th").allInnerTexts();
  const usersColumn = headers.findIndex((h) => h.trim().startsWith("Users"));
  const rolesColumn = headers.findIndex((h) => h.trim().startsWith("Roles"));
  expect(usersColumn).toBeGreaterThan(0);
  const seen = new Set<string>();
  for (const o of orgs.slice(0, 3)) {
    const users = await allPages<{ id: string }>(page.request, `/api/directory/organizations/${o.uuid}/users`);
    const roles = await allPages<{ id: string }>(page.request, `/api/directory/organizations/${o.uuid}/roles`);
    users.forEach((u) => seen.add(u.id));
    const row = page.locator("tbody tr", { has: page.getByRole("link", { name: `Users of ${o.name}`, exact: true }) });
    await expect(row.locator("td").nth(usersColumn), o.name).toHaveText(fmt(users.length));
    await expect(row.locator("td").nth(rolesColumn), o.name).toHaveText(fmt(roles.length));
  }
  expect(seen.size).toBeGreaterThan(0);

  const perOrganization = asked.filter((p) => /^\/api\/directory\/(organizations\/.|groups)/.test(p));
  expect(perOrganization, "per-organization reads by the page").toEqual([]);
  expect(asked.filter((p) => p === "/api/directory/overview")).toHaveLength(1);
});

test("the settings comparison reads every organization's settings in one request", async ({ page, baseURL }) => {
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const orgs = await allPages<Org>(page.request, "/api/directory/organizations");
  const asked = directoryRequests(page);
  await page.goto("/settings/compare");
  await expect(page.getByText(`${fmt(orgs.length)} organizations compared`)).toBeVisible();
  expect(asked.filter((p) => /^\/api\/directory\/organizations\/./.test(p)), "per-organization reads by the page").toEqual([]);
  expect(asked.filter((p) => p === "/api/directory/settings")).toHaveLength(1);
});
