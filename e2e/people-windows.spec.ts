import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { allPages, ensureCompleteSync, logIn } from "./helpers";

/*
 * People answered by the server one window at a time: the table still scrolls to its last row,
 * "select all" selects everyone matching (not the window), and "all matching" downloads exactly
 * them. Expectations come from the upstream's records through the app's proxy.
 */

type Org = { uuid: string };
type User = { id: string; organization_role: string };

test("People scrolls to its last row, selects and downloads every matching person, not only the window", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const orgs = (await (await page.request.get("/api/compliance/organizations")).json()).data as Org[];
  const holders = new Set<string>();
  for (const o of orgs) for (const u of await allPages<User>(page.request, `/api/compliance/organizations/${o.uuid}/users`)) if (u.organization_role === "user") holders.add(u.id);
  // More than one window (120 rows) of them, so the last ones arrive only when scrolled to.
  expect(holders.size).toBeGreaterThan(300);
  const n = holders.size.toLocaleString("en-US");

  await page.goto("/people?role=user&sort=email");
  await expect(page.locator("[aria-live]").filter({ hasText: new RegExp(`(^|[^\\d,])${n} of `) }).first()).toBeVisible({ timeout: 90_000 });

  // The last matching row is reachable by scrolling, though the first answer held only a window.
  const table = page.getByRole("region", { name: "People across all organizations" });
  await table.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = page.locator(`tbody tr[aria-rowindex="${holders.size + 1}"]`);
  await expect(last).toBeVisible({ timeout: 30_000 });
  const lastId = ((await last.locator('a[href^="/people/user_"]').first().getAttribute("href")) ?? "").replace("/people/", "");
  expect(holders.has(lastId)).toBe(true);

  await page.getByRole("checkbox", { name: `Select all ${n} matching people` }).check();
  await expect(page.getByText(`${n} selected`).first()).toBeVisible();

  await page.getByRole("button", { name: "Download", exact: true }).click();
  await page.getByRole("radio", { name: /^All .* matching the current/ }).check();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: `Download ${n} rows` }).click();
  const text = (await import("node:fs")).readFileSync((await (await download).path())!, "utf8").replace(/^\uFEFF/, "");
  const records: Record<string, string>[] = parse(text, { columns: true });
  expect(new Set(records.map((r) => r.user_id))).toEqual(holders);
});
