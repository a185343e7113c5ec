import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { allPages, ensureCompleteSync, logIn } from "./helpers";

/*
 * The users table and the People view, with every expectation computed from the app's own API
 * (the simulator's data as the upstream serves it), never from the page code.
 */

type User = { id: string; email: string; full_name: string; organization_role: string };
type Org = { uuid: string; name: string };

async function organizations(page: Page): Promise<Org[]> {
  const res = await page.request.get("/api/compliance/organizations");
  return (await res.json()).data;
}


test("a role facet shows exactly that role's users, the URL keeps the view, and Back undoes it", async ({ page }) => {
  await logIn(page);
  const [org] = await organizations(page);
  const users = await allPages<User>(page.request, `/api/compliance/organizations/${org!.uuid}/users`);
  const admins = users.filter((u) => u.organization_role === "admin");
  expect(admins.length).toBeGreaterThan(0);

  await page.goto(`/organizations/${org!.uuid}/users`);
  await expect(page.getByText(`${users.length.toLocaleString("en-US")} users`).first()).toBeVisible({ timeout: 45_000 });

  await page.getByRole("button", { name: "Organization role filter" }).click();
  await page.getByRole("checkbox", { name: /^Admin \(admin\)/ }).check();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/[?&]role=admin/);
  await expect(page.getByText(`${admins.length.toLocaleString("en-US")} of ${users.length.toLocaleString("en-US")} users`)).toBeVisible();

  // Sort by email through the column header; the URL holds the sort too.
  await page.getByRole("button", { name: "Email", exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort=/);
  const sortState = await page.getByRole("columnheader", { name: /Email/ }).getAttribute("aria-sort");
  expect(sortState === "ascending" || sortState === "descending").toBe(true);

  const url = page.url();
  const copy = await page.context().newPage();
  await copy.goto(url);
  await expect(copy.getByText(`${admins.length.toLocaleString("en-US")} of ${users.length.toLocaleString("en-US")} users`)).toBeVisible({ timeout: 45_000 });
  await expect(copy.getByRole("columnheader", { name: /Email/ })).toHaveAttribute("aria-sort", sortState!);
  const shownIds = await copy.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.textContent ?? ""));
  for (const a of admins.slice(0, 5)) expect(shownIds.join("\n")).toContain(a.email);
  await copy.close();

  await page.goBack();
  await expect(page).not.toHaveURL(/sort=/);
  await page.goBack();
  await expect(page).not.toHaveURL(/role=admin/);
  await expect(page.getByText(`${users.length.toLocaleString("en-US")} users`).first()).toBeVisible();
});

test("the users CSV holds exactly the filtered rows, byte for byte after parsing", async ({ page, baseURL }) => {
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const [, org] = await organizations(page);
  const users = await allPages<User>(page.request, `/api/compliance/organizations/${org!.uuid}/users`);
  const developers = users.filter((u) => u.organization_role === "developer");

  await page.goto(`/organizations/${org!.uuid}/users?role=developer`);
  await expect(page.getByText(`${developers.length.toLocaleString("en-US")} of ${users.length.toLocaleString("en-US")} users`)).toBeVisible({ timeout: 45_000 });
  await page.getByRole("button", { name: "Download", exact: true }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: new RegExp(`Download ${developers.length.toLocaleString("en-US")} rows?`) }).click();
  const saved = await download;
  // Built on the server from the sync the page shows; the name says the table, org, view and sync.
  expect(saved.suggestedFilename()).toMatch(/^users_[a-z0-9]+(-[a-z0-9]+)*_filtered_\d{4}-\d{2}-\d{2}_sync_[0-9a-z]+_[0-9a-f]+\.csv$/);
  const file = await saved.path();
  const bytes = (await import("node:fs")).readFileSync(file!);
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  // On record before it was sent: rows, the SHA-256 of exactly these bytes, the view.
  const audit = (await (await page.request.get("/api/audit?action=export&limit=5")).json()) as { entries: { target: string; rows?: number; sha256?: string; sync_id?: string; filters: { view?: string[] } }[] };
  const sha256 = (await import("node:crypto")).createHash("sha256").update(bytes).digest("hex");
  expect(audit.entries.find((e) => e.sha256 === sha256)).toMatchObject({ target: "table:users.csv", rows: developers.length, sync_id: expect.stringMatching(/^sync_/) });
  const records: Record<string, string>[] = parse(text, { columns: true });
  expect(records).toHaveLength(developers.length);
  const guard = (s: string) => (/^[=+\-@\t\r\n]/.test(s) ? `'${s}` : s);
  const byId = new Map(developers.map((u) => [u.id, u]));
  for (const r of records) {
    const u = byId.get(r.user_id!);
    expect(u, `row ${r.user_id} is a developer of ${org!.name}`).toBeTruthy();
    expect(r.email).toBe(guard(u!.email));
    expect(r.full_name).toBe(guard(u!.full_name));
  }
});

test("searching People by an email finds one person with every organization they belong to", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page);
  const orgs = await organizations(page);
  const membership = new Map<string, { user: User; orgs: string[] }>();
  for (const o of orgs)
    for (const u of await allPages<User>(page.request, `/api/compliance/organizations/${o.uuid}/users`)) {
      const m = membership.get(u.id) ?? { user: u, orgs: [] };
      m.orgs.push(o.name);
      membership.set(u.id, m);
    }
  const multi = [...membership.values()].find((m) => m.orgs.length > 1);
  expect(multi, "the e2e tree has a person in more than one organization").toBeTruthy();

  await page.goto(`/people?q=${encodeURIComponent(multi!.user.email.toUpperCase())}`);
  await expect(page.getByText(/1 of [\d,]+ (people|person)/)).toBeVisible({ timeout: 90_000 });
  const row = page.locator("tbody tr").filter({ hasText: multi!.user.email });
  await expect(row).toHaveCount(1);
  for (const name of multi!.orgs) await expect(row).toContainText(name);
});

test("drill down: group → member → person → role → the role's permissions", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page);
  type Group = { id: string; name: string; roles: string[] | null };
  const groups = await allPages<Group>(page.request, "/api/compliance/groups");
  const orgs = await organizations(page);
  // A group that grants a role and has members; find the role's organization through the API.
  let pick: { group: Group; roleId: string; orgUuid: string; roleName: string } | undefined;
  for (const g of groups) {
    if (!g.roles?.length) continue;
    const members = await allPages<{ user_id: string }>(page.request, `/api/compliance/groups/${g.id}/members`);
    if (!members.length) continue;
    for (const o of orgs) {
      const roles = await allPages<{ id: string; name: string }>(page.request, `/api/compliance/organizations/${o.uuid}/roles`);
      const role = roles.find((r) => r.id === g.roles![0]);
      if (role) {
        pick = { group: g, roleId: role.id, orgUuid: o.uuid, roleName: role.name };
        break;
      }
    }
    if (pick) break;
  }
  expect(pick, "the e2e tree has a group with members and a known role").toBeTruthy();
  const permissions = await allPages<unknown>(page.request, `/api/compliance/organizations/${pick!.orgUuid}/roles/${pick!.roleId}/permissions`);

  await page.goto(`/groups/${pick!.group.id}`);
  // Whichever member the table shows first (it is sorted and virtualized): any member inherits the role.
  const memberLink = page.locator('tbody a[href^="/people/user_"]').first();
  await expect(memberLink).toBeVisible({ timeout: 60_000 });
  const memberHref = (await memberLink.getAttribute("href"))!;
  const memberIds = new Set((await allPages<{ user_id: string }>(page.request, `/api/compliance/groups/${pick!.group.id}/members`)).map((m) => m.user_id));
  expect(memberIds.has(memberHref.replace("/people/", ""))).toBe(true);
  await memberLink.click();
  await expect(page).toHaveURL(new RegExp(`${memberHref}$`));
  const via = page.getByText(new RegExp(`via\\s+${pick!.group.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)).first();
  await expect(via).toBeVisible({ timeout: 60_000 });
  await page.locator(`a[href="/organizations/${pick!.orgUuid}/roles/${pick!.roleId}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/roles/${pick!.roleId}`));
  await expect(page.getByRole("heading", { name: pick!.roleName })).toBeVisible();
  await expect(page.getByText(new RegExp(`\\b${permissions.length.toLocaleString("en-US")} (of [\\d,]+ )?permissions?\\b`)).first()).toBeVisible({ timeout: 30_000 });
});
