import { expect, test, type Page } from "@playwright/test";
import { allPages, ensureCompleteSync, logIn } from "./helpers";

/*
 * After a sync the pages that read the whole tree (the Overview, the settings comparison, the groups
 * list and a group's page) each ask the server one question per kind of answer
 * (lib/shared/directory/tree-wire.ts) instead of one per organization or per group, and what they
 * show is what each organization's and group's own lists give.
 */

const fmt = (n: number) => n.toLocaleString("en-US");
type Org = { uuid: string; name: string };

/** The /api/directory paths the page asks for from now on; it leaves the page logIn opened first, so none of that page's late requests count. */
async function directoryRequests(page: Page): Promise<string[]> {
  await page.goto("about:blank");
  const asked: string[] = [];
  page.on("request", (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith("/api/directory/")) asked.push(pathname);
  });
  return asked;
}

test("the Overview counts every organization from one answer, as each organization's lists give them", async ({ page, baseURL }) => {
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const asked = await directoryRequests(page);
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
  // The answer came with the page's HTML (its first screen) and seeded the table's query.
  expect(asked.filter((p) => p === "/api/directory/overview"), asked.join(" ")).toEqual([]);

  // As of a named sync the page has no first screen: the table asks the route, once.
  const { syncs } = (await (await page.request.get("/api/syncs")).json()) as { syncs: { id: string; status: string }[] };
  const sync = syncs.find((x) => x.status === "complete")!;
  asked.length = 0;
  await page.goto(`/?as_of=${sync.id}`);
  await expect(page.getByText(/^Every organization counted, from the sync finished /)).toBeVisible();
  await expect(figure("Organizations")).toHaveText(fmt(orgs.length));
  expect(asked.filter((p) => p === "/api/directory/overview"), asked.join(" ")).toHaveLength(1);
  expect(asked.filter((p) => /^\/api\/directory\/(organizations\/.|groups)/.test(p))).toEqual([]);
});

test("the settings comparison reads every organization's settings in one request", async ({ page, baseURL }) => {
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const orgs = await allPages<Org>(page.request, "/api/directory/organizations");
  const asked = await directoryRequests(page);
  await page.goto("/settings/compare");
  await expect(page.getByText(`${fmt(orgs.length)} organizations compared`)).toBeVisible();
  expect(asked.filter((p) => /^\/api\/directory\/organizations\/./.test(p)), "per-organization reads by the page").toEqual([]);
  expect(asked.filter((p) => p === "/api/directory/settings")).toHaveLength(1);
});

test("the groups list names roles and counts members from one answer each", async ({ page, baseURL }) => {
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const groups = await allPages<{ id: string; name: string }>(page.request, "/api/directory/groups");
  const asked = await directoryRequests(page);
  await page.goto("/groups");
  await expect(page.getByText("Members counted for every group.")).toBeVisible();
  await expect(page.getByText(/Role names resolved across/)).toBeVisible();
  const headers = await page.locator("thead th").allInnerTexts();
  const membersColumn = headers.findIndex((h) => h.trim().startsWith("Members"));
  expect(membersColumn).toBeGreaterThan(0);
  for (const g of groups.slice(0, 3)) {
    const members = await allPages<{ user_id: string }>(page.request, `/api/directory/groups/${g.id}/members`);
    await page.getByRole("searchbox").first().fill(g.id);
    const row = page.locator("tbody tr", { has: page.getByRole("link", { name: g.name, exact: true }) });
    await expect(row.locator("td").nth(membersColumn), g.name).toHaveText(fmt(members.length));
  }
  expect(asked.filter((p) => /^\/api\/directory\/(organizations\/.|groups\/.)/.test(p)), "per-organization and per-group reads by the page").toEqual([]);
  expect(asked.filter((p) => p === "/api/directory/roles")).toHaveLength(1);
  expect(asked.filter((p) => p === "/api/directory/group-sizes")).toHaveLength(1);
});

test("a group's page joins its members to names on the server, in one answer", async ({ page, baseURL }) => {
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const groups = await allPages<{ id: string; name: string }>(page.request, "/api/directory/groups");
  let group: { id: string; name: string } | undefined;
  let members: { user_id: string; email: string }[] = [];
  for (const g of groups) {
    members = await allPages<{ user_id: string; email: string }>(page.request, `/api/directory/groups/${g.id}/members`);
    if (members.length >= 3) {
      group = g;
      break;
    }
  }
  expect(group, "a group with three members or more").toBeTruthy();
  const orgs = await allPages<Org>(page.request, "/api/directory/organizations");
  const names = new Map<string, string>();
  for (const o of orgs) for (const u of await allPages<{ id: string; full_name: string }>(page.request, `/api/directory/organizations/${o.uuid}/users`)) if (!names.has(u.id)) names.set(u.id, u.full_name);

  const asked = await directoryRequests(page);
  await page.goto(`/groups/${group!.id}`);
  await expect(page.getByText(/Names and organizations joined from the synced directory/)).toBeVisible();
  await expect(page.getByText(`${fmt(members.length)} members`, { exact: true })).toBeVisible();
  const named = members.find((m) => names.get(m.user_id));
  expect(named, "a member some organization lists").toBeTruthy();
  await page.getByRole("searchbox").first().fill(named!.user_id);
  await expect(page.locator("tbody tr").first()).toContainText(names.get(named!.user_id)!);
  expect(asked.filter((p) => /^\/api\/directory\/(organizations\/.|groups\/.)/.test(p)), "per-organization and per-group reads by the page").toEqual([]);
  expect(asked.filter((p) => p.startsWith("/api/directory/group-members/"))).toHaveLength(1);
});

test("a group the sync does not hold is said once, with no members table under it", async ({ page, baseURL }) => {
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const unknown = "group_0000000000000000000000";
  expect((await page.request.get(`/api/directory/group-members/${unknown}`)).status()).toBe(404);
  await page.goto(`/groups/${unknown}`);
  // Next's route announcer is an (empty) alert too: count the notices that carry the 404.
  const notices = page.getByRole("alert").filter({ hasText: "HTTP 404" });
  await expect(notices.first()).toBeVisible();
  await expect(notices).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "Members" })).toHaveCount(0);
  await expect(page.getByRole("table", { name: /^Members of the group/ })).toHaveCount(0);
});
