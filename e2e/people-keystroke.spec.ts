import { expect, test, type Request } from "@playwright/test";
import { ensureCompleteSync, holdRequests, logIn } from "./helpers";

/*
 * A keystroke on People is one request. With every facet panel closed it asks for no facet counts
 * (no one would see them); opening a panel asks for the view's counts, and while a panel is open a
 * new view's first window brings them with its rows. The counts shown are the view's (each facet
 * over the other filters), and the rows drawn for the previous answer are drawn again when only
 * their selection changes. The expected counts come from the route's own answer for the same view.
 */

const QUERY = "/api/directory/people/query";

test("a keystroke on People asks the server once, and the facet counts shown are the new view's", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  await page.goto("/people");
  await expect(page.locator('tbody a[href^="/people/user_"]').first()).toBeVisible({ timeout: 120_000 });

  const asked: Request[] = [];
  page.on("request", (r) => {
    if (r.url().includes(QUERY)) asked.push(r);
  });
  const search = page.getByRole("searchbox", { name: /^Search people/ });
  await search.click();
  await page.keyboard.press("a");
  await expect(page).toHaveURL(/[?&]q=a(&|$)/);

  const expected = (await (await page.request.get(`${QUERY}?q=a&sort=name&limit=0`)).json()) as { matched: number; facets: Record<string, [string, number][]> };
  expect(expected.matched).toBeGreaterThan(0);
  await expect(page.locator("[aria-live]").filter({ hasText: new RegExp(`(^|[^\\d,])${expected.matched.toLocaleString("en-US")} of `) }).first()).toBeVisible();
  const forView = (q: string) => asked.filter((r) => new URL(r.url()).searchParams.get("q") === q);
  expect(forView("a").map((r) => r.url())).toHaveLength(1);
  expect(new URL(forView("a")[0]!.url()).searchParams.get("facets")).toBe("0");

  // Opening the organization role filter asks for the counts of the people matching "a", once, and lists them.
  await page.getByRole("button", { name: /^Organization role(?!s)/ }).click();
  const panel = page.getByRole("dialog", { name: /^Filter by Organization role/ });
  const roles = expected.facets.role ?? [];
  expect(roles.length).toBeGreaterThan(0);
  const shows = async (facets: [string, number][]) => {
    for (const [role, count] of facets) {
      const option = panel.locator("li").filter({ has: page.locator(`input[id="facet-organizationRoles-${role}"]`) });
      await expect(option).toContainText(count.toLocaleString("en-US"));
    }
  };
  await shows(roles);
  await expect(panel.getByText("Counting…")).toHaveCount(0);
  expect(forView("a").filter((r) => new URL(r.url()).searchParams.get("facets") !== "0")).toHaveLength(1);

  // With the panel open, choosing a role makes a new view whose first window brings its counts: one request for it.
  const [role] = roles[0]!;
  await panel.locator(`input[id="facet-organizationRoles-${role}"]`).check();
  await expect(page).toHaveURL(new RegExp(`[?&]role=${role}(&|$)`));
  const chosen = (await (await page.request.get(`${QUERY}?q=a&role=${role}&sort=name&limit=0`)).json()) as { matched: number; facets: Record<string, [string, number][]> };
  await expect(page.locator("[aria-live]").filter({ hasText: new RegExp(`(^|[^\\d,])${chosen.matched.toLocaleString("en-US")} of `) }).first()).toBeVisible();
  await shows(chosen.facets.role ?? []);
  const forChosen = asked.filter((r) => new URL(r.url()).searchParams.get("role") === role && new URL(r.url()).searchParams.get("q") === "a");
  expect(forChosen.map((r) => r.url())).toHaveLength(1);
  expect(new URL(forChosen[0]!.url()).searchParams.get("facets")).not.toBe("0");
  await panel.locator(`input[id="facet-organizationRoles-${role}"]`).uncheck();
  await page.keyboard.press("Escape");

  // A row selected after the answer shows as selected: its checkbox and its highlight follow.
  const first = page.locator("tbody tr[aria-rowindex]").first();
  const box = first.getByRole("checkbox");
  await box.check();
  await expect(box).toBeChecked();
  await expect(first).toHaveClass(/bg-brand-50/);
  await box.uncheck();
  await expect(first).not.toHaveClass(/bg-brand-50/);

  // A row's link navigates within the app (the page is not loaded again: a value set on it survives).
  await page.evaluate(() => ((window as unknown as { __samePage?: boolean }).__samePage = true));
  const link = first.locator('a[href^="/people/user_"]').first();
  const href = (await link.getAttribute("href"))!;
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
});

test("while the server answers a keystroke, the rows narrowed in the tab are counted as pending, not as the result", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  await page.goto("/people");
  await expect(page.locator('tbody a[href^="/people/user_"]').first()).toBeVisible({ timeout: 120_000 });
  const all = (await (await page.request.get(`${QUERY}?sort=name&limit=0`)).json()) as { matched: number };
  const expected = (await (await page.request.get(`${QUERY}?q=a&sort=name&limit=0`)).json()) as { matched: number };
  // More people match "a" than the first window holds: the tab can show the first of them at once, not count them.
  expect(expected.matched).toBeGreaterThan(120);

  const release = await holdRequests(page, `**${QUERY}?*`);
  const counts = page.locator("[aria-live]").filter({ hasText: / of [\d,]+ (people|person)/ });
  await page.getByRole("searchbox", { name: /^Search people/ }).click();
  await page.keyboard.press("a");
  await expect(counts).toContainText(/Counting… \(the first [\d,]+ shown\) of/);
  await expect(counts).toContainText(all.matched.toLocaleString("en-US"));
  await expect(page.locator("tbody tr[aria-rowindex]").first()).toBeVisible();
  // The download dialog states how many rows it takes: it does not open on a count still coming.
  const download = page.getByRole("button", { name: "Download", exact: true });
  await expect(download).toBeDisabled();

  release();
  await expect(counts).toContainText(new RegExp(`(^|[^\\d,])${expected.matched.toLocaleString("en-US")} of `));
  await expect(counts).not.toContainText("Counting");
  await expect(download).toBeEnabled();
});

test("while the server answers a change the tab cannot narrow, the earlier rows are not counted as the new view's", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const before = (await (await page.request.get(`${QUERY}?q=an&sort=name&limit=0`)).json()) as { matched: number; total: number };
  const after = (await (await page.request.get(`${QUERY}?q=a&sort=name&limit=0`)).json()) as { matched: number };
  expect(after.matched).not.toBe(before.matched);
  await page.goto("/people?q=an");
  const counts = page.locator("[aria-live]").filter({ hasText: / of [\d,]+ (people|person)/ });
  await expect(counts).toContainText(new RegExp(`(^|[^\\d,])${before.matched.toLocaleString("en-US")} of `), { timeout: 120_000 });

  const release = await holdRequests(page, `**${QUERY}?*`);
  // "a" after "an": more people, not fewer, so the rows on screen stay those of "an" until the answer.
  const search = page.getByRole("searchbox", { name: /^Search people/ });
  await search.click();
  await page.keyboard.press("End");
  await page.keyboard.press("Backspace");
  await expect(page).toHaveURL(/[?&]q=a(&|$)/);
  await expect(counts).toContainText(`Counting… of ${before.total.toLocaleString("en-US")}`);
  await expect(counts).toContainText("the rows shown are from before the last change");
  await expect(counts).not.toContainText(`${before.matched.toLocaleString("en-US")} of`);

  release();
  await expect(counts).toContainText(new RegExp(`(^|[^\\d,])${after.matched.toLocaleString("en-US")} of `));
  await expect(counts).not.toContainText("Counting");
});
