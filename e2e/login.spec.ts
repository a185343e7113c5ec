import { expect, test } from "@playwright/test";
import { E2E_OFFICER } from "./environment";
import { logIn } from "./helpers";

test("a protected page without a session lands on the login page and returns after login", async ({ page }) => {
  await page.goto("/groups");
  await expect(page).toHaveURL(/\/login\?next=%2Fgroups/);
  await page.getByLabel("Username").fill(E2E_OFFICER.username);
  await page.getByLabel("Password").fill(E2E_OFFICER.password);
  await page.getByRole("button", { name: /log in|sign in/i }).click();
  await expect(page).toHaveURL(/\/groups$/);
});

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill(E2E_OFFICER.username);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: /log in|sign in/i }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText(/wrong username or password/i);
  await expect(page).toHaveURL(/\/login/);
});

test("an officer logs in, sees the organization list, and logs out", async ({ page }) => {
  await logIn(page);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The e2e simulator holds 6 organizations; each row shows its uuid.
  await expect(page.getByRole("link", { name: /Users/ }).first()).toBeVisible();
  await page.getByRole("button", { name: /log out/i }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
