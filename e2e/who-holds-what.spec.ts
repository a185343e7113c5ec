import { expect, test, type APIRequestContext } from "@playwright/test";
import { allPages, ensureCompleteSync, holdRequests, logIn } from "./helpers";

/*
 * "Who holds what, anywhere" and "search from anywhere": People filtered by a permission action
 * shows exactly the people whose groups grant a role allowing it, each with its group → role path;
 * the header search opens a person from an email; /people/<email> opens the person. Expectations
 * come from the upstream's records through the app's proxy (/api/compliance), not from the page code.
 */

type Org = { uuid: string; name: string };
type Role = { id: string; name: string };
type Group = { id: string; name: string; roles?: string[] | null };
type Member = { user_id: string };
type User = { id: string; email: string; full_name: string };

/** action -> user id -> the "group → role" paths that give it, from the upstream's records. */
async function holdersByAction(request: APIRequestContext) {
  const orgs = (await (await request.get("/api/compliance/organizations")).json()).data as Org[];
  const roles = new Map<string, { role: Role; actions: Set<string> }>();
  for (const o of orgs) {
    for (const r of await allPages<Role>(request, `/api/compliance/organizations/${o.uuid}/roles`)) {
      const perms = await allPages<{ action: string }>(request, `/api/compliance/organizations/${o.uuid}/roles/${r.id}/permissions`);
      roles.set(r.id, { role: r, actions: new Set(perms.map((p) => p.action)) });
    }
  }
  const byAction = new Map<string, Map<string, string[]>>();
  for (const g of await allPages<Group>(request, "/api/compliance/groups")) {
    const granted = (g.roles ?? []).flatMap((id) => roles.get(id) ?? []);
    if (!granted.length) continue;
    for (const m of await allPages<Member>(request, `/api/compliance/groups/${g.id}/members`)) {
      for (const { role, actions } of granted) {
        for (const action of actions) {
          const holders = byAction.get(action) ?? new Map<string, string[]>();
          holders.set(m.user_id, [...(holders.get(m.user_id) ?? []), `${g.name} → ${role.name}`]);
          byAction.set(action, holders);
        }
      }
    }
  }
  return byAction;
}

test("People filtered by a permission action shows exactly its holders, each with the group → role path", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const byAction = await holdersByAction(page.request);
  // "Who can export chats" when the e2e tree has such people; otherwise another export, or any action.
  const action = ["chats:export", ...[...byAction.keys()].filter((a) => a.endsWith(":export")).sort(), ...[...byAction.keys()].sort()].find((a) => byAction.get(a)?.size)!;
  expect(action, "someone in the e2e tree holds a permission through a group").toBeDefined();
  const holders = byAction.get(action)!;

  await page.goto("/people");
  await expect(page.locator('tbody a[href^="/people/user_"]').first()).toBeVisible({ timeout: 120_000 });
  await page.getByRole("button", { name: "Permission action filter" }).click();
  await page.getByRole("checkbox", { name: new RegExp(`^${action}`) }).check();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(new RegExp(`action=${encodeURIComponent(action).replace(/%3A/i, "(%3A|:)")}`));
  await expect(page.locator("[aria-live]").filter({ hasText: new RegExp(`(^|[^\\d,])${holders.size.toLocaleString("en-US")} of `) }).first()).toBeVisible();

  // Every rendered row is a holder, and its path is one the upstream's records give.
  const rows = page.locator("tbody tr").filter({ has: page.locator('a[href^="/people/user_"]') });
  await expect(rows.first()).toBeVisible();
  const n = Math.min(await rows.count(), 8);
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    const id = ((await row.locator('a[href^="/people/user_"]').first().getAttribute("href")) ?? "").replace("/people/", "");
    expect(holders.has(id), `${id} can ${action}`).toBe(true);
    const paths = (await row.getByTestId("access-paths").textContent()) ?? "";
    expect(holders.get(id)!.some((p) => paths.includes(p)), `${id}: "${paths}" names one of ${holders.get(id)!.join("; ")}`).toBe(true);
  }
});

test("the header search opens a person from an email, and /people/<email> opens the person", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const orgs = (await (await page.request.get("/api/compliance/organizations")).json()).data as Org[];
  const users = await allPages<User>(page.request, `/api/compliance/organizations/${orgs[1]!.uuid}/users`);
  const user = users.find((u) => u.full_name) ?? users[0]!;

  await page.goto("/groups");
  const box = page.getByRole("combobox", { name: "Search the directory" });
  await box.fill(user.email.toUpperCase());
  const option = page.getByRole("option").filter({ hasText: user.email }).first();
  await expect(option).toBeVisible();
  await box.press("ArrowDown");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/people/${user.id}$`));
  await expect(page.getByRole("heading", { name: user.full_name }).first()).toBeVisible({ timeout: 60_000 });

  await page.goto(`/people/${encodeURIComponent(user.email)}`);
  await expect(page).toHaveURL(new RegExp(`/people/${user.id}$`), { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: user.full_name }).first()).toBeVisible({ timeout: 60_000 });
});

test("the header search does not give the previous text's results as the new text's while it searches", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  await page.goto("/groups");
  const box = page.getByRole("combobox", { name: "Search the directory" });
  const status = page.getByRole("status").filter({ hasText: /match|Searching/ });
  await box.fill("a");
  await expect(status).toContainText(/match/, { timeout: 30_000 });
  await expect(page.getByRole("option").first()).toBeVisible();

  const release = await holdRequests(page, "**/api/directory/search?*");
  await box.fill("zz-nobody-has-this");
  await expect(status).toHaveText("Searching…");
  // Enter opens nothing of the previous text's.
  await box.press("Enter");
  await expect(page).toHaveURL(/\/groups$/);
  release();
  await expect(status).toHaveText("Nothing in the directory matches.");
});
