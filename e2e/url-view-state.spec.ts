import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { logIn } from "./helpers";

/*
 * The URL is the view, always: after typing, Back, Forward, a reload or a copied link, the search
 * box, the rows counted and the address bar tell the same story. Expectations come from the app's
 * own API (the simulator's data), never from the page code.
 */

type User = { id: string; email: string; full_name: string; organization_role: string };
type Org = { uuid: string; name: string };

const n = (count: number) => count.toLocaleString("en-US");

async function allUsers(request: APIRequestContext, orgUuid: string): Promise<User[]> {
  const rows: User[] = [];
  let page: string | undefined;
  for (;;) {
    const qs = new URLSearchParams({ limit: "1000", ...(page ? { page } : {}) });
    const res = await request.get(`/api/compliance/organizations/${orgUuid}/users?${qs}`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    rows.push(...body.data);
    if (!body.has_more || !body.next_page) return rows;
    page = body.next_page;
  }
}

async function firstOrganization(page: Page): Promise<Org> {
  const res = await page.request.get("/api/compliance/organizations");
  return (await res.json()).data[0];
}

/** The search parameter as the address bar holds it ("" when absent). */
const urlSearch = (page: Page) => new URL(page.url()).searchParams.get("q") ?? "";

/** The box, the count line and the URL all show `term` (or all show no search). */
async function expectView(page: Page, box: Locator, term: string, countLine: string) {
  await expect(box).toHaveValue(term);
  await expect.poll(() => urlSearch(page)).toBe(term);
  await expect(page.getByText(countLine, { exact: true }).first()).toBeVisible();
}

test("users: after a full page load, a typed search, Back and Forward keep the box, the rows and the URL together", async ({ page }) => {
  await logIn(page);
  const org = await firstOrganization(page);
  const users = await allUsers(page.request, org.uuid);
  const target = users[Math.floor(users.length / 2)]!;
  const term = target.email.toLowerCase();
  const matching = users.filter((u) => [u.full_name, u.email, u.id].some((v) => v.toLowerCase().includes(term)));
  const all = `${n(users.length)} users`;
  const searched = `${n(matching.length)} of ${n(users.length)} users`;

  await page.goto(`/organizations/${org.uuid}/users`);
  const box = page.getByRole("searchbox", { name: /Search users/ });
  await expect(page.getByText(all).first()).toBeVisible({ timeout: 45_000 });

  await box.pressSequentially(term, { delay: 20 });
  await expectView(page, box, term, searched);
  await expect(page.locator("tbody tr").filter({ hasText: target.email })).toHaveCount(1);

  // A copied link opens the same view.
  const copy = await page.context().newPage();
  await copy.goto(page.url());
  const copyBox = copy.getByRole("searchbox", { name: /Search users/ });
  await expect(copy.getByText(searched, { exact: true }).first()).toBeVisible({ timeout: 45_000 });
  await expect(copyBox).toHaveValue(term);
  await copy.close();

  // Back undoes the whole search (not one letter), and the box follows the URL.
  await page.goBack();
  await expectView(page, box, "", all);
  await page.goForward();
  await expectView(page, box, term, searched);
});

test("People: after a full page load with a search in the link, a new search and Back return to the link's search", async ({ page }) => {
  test.setTimeout(150_000);
  await logIn(page);
  const org = await firstOrganization(page);
  const users = await allUsers(page.request, org.uuid);
  const [first, second] = [users[3]!, users[11]!];

  await page.goto(`/people?q=${encodeURIComponent(first.email)}`);
  const box = page.getByRole("searchbox", { name: /Search people/ });
  const oneOf = copyCountLine(page);
  await expect(oneOf).toBeVisible({ timeout: 90_000 });
  const total = (await oneOf.textContent())!.match(/of ([\d,]+) people/)![1]!;
  const one = `1 of ${total} people`;
  await expectView(page, box, first.email, one);

  await box.selectText();
  await box.pressSequentially(second.email, { delay: 20 });
  await expectView(page, box, second.email, one);
  await expect(page.locator("tbody tr").filter({ hasText: second.email })).toHaveCount(1);

  await page.goBack();
  await expectView(page, box, first.email, one);
  await expect(page.locator("tbody tr").filter({ hasText: first.email })).toHaveCount(1);

  // Cleared by hand, then Back: the link's search is back in the box as well as in the URL.
  await box.fill("");
  await expectView(page, box, "", `${total} people`);
  await page.goBack();
  await expectView(page, box, first.email, one);

  const copy = await page.context().newPage();
  await copy.goto(page.url());
  await expect(copy.getByText(one, { exact: true }).first()).toBeVisible({ timeout: 90_000 });
  await expect(copy.getByRole("searchbox", { name: /Search people/ })).toHaveValue(first.email);
  await copy.close();
});

function copyCountLine(page: Page) {
  return page.getByText(/^1 of [\d,]+ people$/).first();
}

test("users: a facet and a sort survive a reload, and Back undoes them one at a time", async ({ page }) => {
  await logIn(page);
  const org = await firstOrganization(page);
  const users = await allUsers(page.request, org.uuid);
  const admins = users.filter((u) => u.organization_role === "admin");
  expect(admins.length).toBeGreaterThan(0);
  const all = `${n(users.length)} users`;
  const filtered = `${n(admins.length)} of ${n(users.length)} users`;

  await page.goto(`/organizations/${org.uuid}/users`);
  await expect(page.getByText(all).first()).toBeVisible({ timeout: 45_000 });

  await page.getByRole("button", { name: "Organization role filter" }).click();
  await page.getByRole("checkbox", { name: /^Admin \(admin\)|^admin\b/ }).check();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/[?&]role=admin(&|$)/);
  await page.getByRole("button", { name: "Email", exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort=-?email(&|$)/);
  const header = page.getByRole("columnheader", { name: /Email/ });
  const sortState = await header.getAttribute("aria-sort");
  expect(sortState === "ascending" || sortState === "descending").toBe(true);
  await expect(page.getByText(filtered, { exact: true })).toBeVisible();

  const before = page.url();
  await page.reload();
  expect(page.url()).toBe(before);
  await expect(page.getByText(filtered, { exact: true })).toBeVisible({ timeout: 45_000 });
  await expect(header).toHaveAttribute("aria-sort", sortState!);

  await page.goBack();
  await expect(page).not.toHaveURL(/sort=/);
  await expect(page).toHaveURL(/[?&]role=admin(&|$)/);
  await expect(page.getByText(filtered, { exact: true })).toBeVisible();
  await expect(header).not.toHaveAttribute("aria-sort", sortState!);

  await page.goBack();
  await expect(page).not.toHaveURL(/role=/);
  await expect(page.getByText(all).first()).toBeVisible();
});
