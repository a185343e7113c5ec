import { expect, type Page } from "@playwright/test";
import { E2E_OFFICER } from "./environment";

export async function logIn(page: Page, who: { username: string; password: string } = E2E_OFFICER, next = "/"): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Username").fill(who.username);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: /log in|sign in/i }).click();
  await expect(page).not.toHaveURL(/\/login/);
}
