import { expect, test } from "@playwright/test";
import { ensureCompleteSync, logIn } from "./helpers";

/*
 * Links do not prefetch (components/shell/app-link.tsx): every dashboard page is rendered per
 * request with no loading state, so a prefetch brought back only the route's shape, one or two
 * requests through the session check for each link in view (65 when the overview opened). A click
 * still navigates within the app, without loading the document again.
 */

test("pages ask the server for no prefetches, and a link still navigates within the app", async ({ page, baseURL }) => {
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const prefetches: string[] = [];
  page.on("request", (r) => {
    if (r.headers()["next-router-prefetch"]) prefetches.push(r.url());
  });
  await page.goto("/");
  await expect(page.getByRole("link", { name: /^Users of / }).first()).toBeVisible();
  const org = page.getByRole("link", { name: /^Users of / }).first();
  // Prefetches start when links come into view and the tab is idle: give them the time to.
  await page.waitForTimeout(1_500);
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expect(page).toHaveURL(/\/people$/);
  await expect(page.getByRole("heading", { name: "People", level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed), "navigated in the app, not by loading the document").toBe(true);
  await page.goBack();
  await expect(org).toBeVisible();
  await page.waitForTimeout(1_500);
  expect(prefetches, "route prefetches asked of the server").toEqual([]);
});
