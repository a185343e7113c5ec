import { expect, test, type Page } from "@playwright/test";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { ensureCompleteSync, logIn } from "./helpers";

/*
 * Every page of the navigation, and the login page, loads without an error in the browser's
 * console, an uncaught exception or a failed request. An officer never sees the console, but a
 * 404 there (the browser's own /favicon.ico request did, on every page) hides the errors that
 * matter among ones that do not.
 */

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`exception: ${e.message}`));
  page.on("requestfailed", (r) => {
    // A request the page no longer needs (a search overtaken by the next key, a page left) is cancelled, not failed.
    if (!/ERR_ABORTED/.test(r.failure()?.errorText ?? "")) problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

test("the login page loads with a clean console", async ({ page }) => {
  const problems = watch(page);
  await page.goto("/login");
  await expect(page.getByRole("button", { name: /log in|sign in/i })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
});

test("every page of the navigation loads with a clean console", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const problems = watch(page);
  for (const item of NAV_ITEMS) {
    await page.goto(item.href);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible({ timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    expect(problems, `on ${item.href}`).toEqual([]);
  }
});
