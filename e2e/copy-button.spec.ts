import { expect, test } from "@playwright/test";
import { ensureCompleteSync, logIn } from "./helpers";

/*
 * The copy buttons beside ids (components/data-table/copy-button.tsx): a click or the keyboard puts
 * the value on the clipboard, announces it in the page's one live region, and shows a check mark
 * for a moment; the row's links are not followed.
 */

const ID_LABEL = /^Copy user id (user_\S+)$/;

test("a row's copy button puts its id on the clipboard, says so, and shows a check mark for a moment", async ({ page, baseURL }) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  await page.goto("/people");
  const buttons = page.getByRole("button", { name: ID_LABEL });
  await expect(buttons.first()).toBeVisible();
  const glyph = async (button: typeof buttons) => button.evaluate((b) => b.querySelector("svg")?.innerHTML ?? "");

  const first = buttons.first();
  const id = ID_LABEL.exec((await first.getAttribute("aria-label")) ?? "")?.[1];
  expect(id, "the button names the id it copies").toBeTruthy();
  const copyGlyph = await glyph(first);
  const url = page.url();
  await first.click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(id);
  await expect(page.getByRole("status").filter({ hasText: `Copied user id ${id}` })).toBeAttached();
  await expect.poll(() => glyph(first), { message: "a check mark replaces the copy glyph" }).not.toBe(copyGlyph);
  await expect.poll(() => glyph(first), { message: "and goes back after a moment", timeout: 5_000 }).toBe(copyGlyph);
  expect(page.url(), "copying did not navigate").toBe(url);

  // From the keyboard, as any button.
  const second = buttons.nth(1);
  const otherId = ID_LABEL.exec((await second.getAttribute("aria-label")) ?? "")?.[1];
  await second.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(otherId);
  await expect(page.getByRole("status").filter({ hasText: `Copied user id ${otherId}` })).toBeAttached();
});
