import { expect, test } from "@playwright/test";
import { logIn } from "./helpers";

/*
 * The privileged access report: per-organization counts with the one-primary-owner check, the
 * table of everyone with administrative access and the road to it, a filter, the audited download,
 * and the print layout with every row.
 */

test("privileged access: owners check, a filter, the audited download and the print layout", async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, undefined, "/privileged");
  await page.goto("/privileged");
  await expect(page.getByRole("heading", { name: "Privileged access" })).toBeVisible();
  // The simulator gives every organization exactly one primary owner.
  await expect(page.getByText("Every organization has exactly one primary owner.")).toBeVisible({ timeout: 120_000 });

  const table = page.getByRole("table", { name: "Privileged access" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();

  // Only permissions that come through a group → role.
  await page.getByRole("button", { name: "Comes from filter" }).click();
  await page.getByRole("checkbox", { name: /^Permission via group/ }).check();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/source=permission/);
  const firstPath = table.getByRole("row").nth(1).getByRole("link");
  await expect(firstPath.first()).toBeVisible();
  await expect(table.getByRole("cell", { name: /listed by the organization/ })).toHaveCount(0);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV (audited)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^privileged-access_sync_[0-9a-z_]+\.csv$/);

  const audit = (await (await page.request.get("/api/audit?action=export")).json()) as { entries: Array<{ target: string; rows?: number; sha256?: string; sync_id?: string }> };
  const entry = audit.entries.find((e) => e.target === "privileged.csv");
  expect(entry?.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(entry?.sync_id).toMatch(/^sync_/);

  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("print-header")).toContainText("sync");
  const printed = page.locator('table[data-print-table="Privileged access"] tbody tr');
  await expect(printed.first()).toBeAttached();
  expect(await printed.count()).toBe(Number(((await page.getByTestId("privileged-shown").textContent()) ?? "0").replace(/\D/g, "")));
});
