import { expect, test } from "@playwright/test";
import { ensureCompleteSync, logIn } from "./helpers";

/*
 * A table draws only the rows in view and finds them from the scroll position by division
 * (components/data-table/row-window.ts): that holds only while every row is the table's one
 * height. A cell whose content wraps (People's "Access via", several group → role paths) made some
 * rows two or three times as tall, so the rows drawn no longer matched the scroll position.
 */

const TABLES = ["/people", "/privileged", "/groups", "/organizations", "/audit", "/settings", "an organization's users"];

for (const table of TABLES) {
  test(`every row drawn on ${table} is the same height`, async ({ page, baseURL }) => {
    test.setTimeout(180_000);
    await logIn(page);
    await ensureCompleteSync(page.request, baseURL!);
    const first = async () => ((await (await page.request.get("/api/compliance/organizations")).json()) as { data: { uuid: string }[] }).data[0]!.uuid;
    await page.goto(table.startsWith("/") ? table : `/organizations/${await first()}/users`);
    const rows = page.locator("table tbody tr[aria-rowindex]");
    await expect(rows.first()).toBeVisible({ timeout: 120_000 });
    // Rows whose access or names arrive after the first paint are drawn again: measure once settled.
    await page.waitForLoadState("networkidle");
    const heights = await rows.evaluateAll((trs) => trs.map((tr) => Math.round(tr.getBoundingClientRect().height)));
    expect(heights.length).toBeGreaterThan(1);
    const tallest = Math.max(...heights);
    const at = heights.indexOf(tallest);
    expect(new Set(heights).size, `row ${at + 1} of ${heights.length} is ${tallest} px; the others ${Math.min(...heights)} px`).toBe(1);
  });
}
