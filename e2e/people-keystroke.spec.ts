import { expect, test, type Request } from "@playwright/test";
import { ensureCompleteSync, logIn } from "./helpers";

/*
 * A keystroke on People is one request: the view's first window brings the facets' counts with
 * its rows (the filters' counts are still the view's, each facet over the other filters), and the
 * rows drawn for the previous answer are drawn again when only their selection changes. The
 * expected counts come from the route's own facets-only answer for the same view.
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
  const forView = asked.filter((r) => new URL(r.url()).searchParams.get("q") === "a");
  expect(forView.map((r) => r.url())).toHaveLength(1);
  expect(new URL(forView[0]!.url()).searchParams.get("facets")).not.toBe("0");

  // The organization role filter lists the counts of the people matching "a".
  await page.getByRole("button", { name: /^Organization role(?!s)/ }).click();
  const panel = page.getByRole("dialog", { name: /^Filter by Organization role/ });
  const roles = expected.facets.role ?? [];
  expect(roles.length).toBeGreaterThan(0);
  for (const [role, count] of roles) {
    const option = panel.locator("li").filter({ has: page.locator(`input[id="facet-organizationRoles-${role}"]`) });
    await expect(option).toContainText(count.toLocaleString("en-US"));
  }
  await page.keyboard.press("Escape");

  // A row selected after the answer shows as selected: its checkbox and its highlight follow.
  const first = page.locator("tbody tr[aria-rowindex]").first();
  const box = first.getByRole("checkbox");
  await box.check();
  await expect(box).toBeChecked();
  await expect(first).toHaveClass(/bg-brand-50/);
  await box.uncheck();
  await expect(first).not.toHaveClass(/bg-brand-50/);
});
