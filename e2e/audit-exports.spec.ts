import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { USERS_COLUMNS } from "../lib/shared/export/columns";
import { readXlsx, xlsxText } from "../lib/server/export/xlsx-read";
import { E2E_VIEWER } from "./environment";
import { allPages, ensureCompleteSync, logIn } from "./helpers";

/*
 * The export an auditor relies on, end to end in the browser: the Exports page downloads
 * users.csv with its progress, the file holds exactly the directory's users (counted through the
 * app's own API, page by page), and the Audit page then lists that export as completed, with the
 * SHA-256 of the very bytes saved.
 */

/** Downloads a file from the Exports page's users card, once its hint shows; its name must match `filename`. */
async function downloadFromUsersCard(page: Page, hint: string, button: string, filename: RegExp): Promise<{ card: Locator; bytes: Buffer }> {
  const card = page.locator('section[data-export="users"]');
  await expect(card.getByText(hint)).toBeVisible();
  const download = page.waitForEvent("download");
  await card.getByRole("button", { name: button }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(filename);
  return { card, bytes: await readFile(await file.path()) };
}

/** Every user id of every organization, one per membership, as the app's proxy lists them. */
async function directoryUserIds(request: APIRequestContext): Promise<string[]> {
  const orgs = await allPages<{ uuid: string }>(request, "/api/compliance/organizations");
  const ids: string[] = [];
  for (const org of orgs) ids.push(...(await allPages<{ id: string }>(request, `/api/compliance/organizations/${org.uuid}/users`)).map((u) => u.id));
  return ids;
}

test("users.csv downloaded from the Exports page holds every user, and the Audit page lists it as completed with its SHA-256", async ({ page }) => {
  await logIn(page, undefined, "/exports");
  await expect(page.getByRole("heading", { level: 1, name: "Exports" })).toBeVisible();
  const expectedIds = await directoryUserIds(page.request);
  expect(expectedIds.length).toBeGreaterThan(1000);

  const { card, bytes } = await downloadFromUsersCard(page, "One row per user per organization", "Download users.csv", /^users-\d{4}-\d{2}-\d{2}\.csv$/);

  const records = parse(bytes) as string[][];
  expect(records[0]).toEqual([...USERS_COLUMNS]);
  const rows = records.slice(1);
  expect(rows).toHaveLength(expectedIds.length);
  expect(rows.map((r) => r[2]).sort()).toEqual([...expectedIds].sort());
  const rowCount = rows.length.toLocaleString("en-US");
  await expect(card.getByRole("status")).toContainText(`Saved`);
  await expect(card.getByRole("status")).toContainText(`${rowCount} rows`);

  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await page.goto("/audit?action=export");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const entry = page.getByRole("row").filter({ hasText: sha256 });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("users.csv");
  await expect(entry).toContainText("completed");
  await expect(entry).toContainText(rowCount);
  await expect(entry.getByRole("button", { name: /copy sha-256/i })).toBeVisible();

  // The filters are the URL: an outcome that this export does not have hides it.
  await page.getByLabel("Outcome").selectOption("aborted");
  await expect(page).toHaveURL(/outcome=aborted/);
  await expect(page.getByRole("row").filter({ hasText: sha256 })).toHaveCount(0);
  await page.goBack();
  await expect(page.getByRole("row").filter({ hasText: sha256 })).toHaveCount(1);
});

test("a viewer sees the Exports page but cannot download, and is told why", async ({ page }) => {
  await logIn(page, E2E_VIEWER, "/exports");
  const button = page.locator('section[data-export="roles"]').getByRole("button", { name: "Download roles.csv" });
  await expect(button).toBeDisabled();
  await expect(page.locator('section[data-export="roles"]')).toContainText(/exporter role/);
  // The audit log is for exporters: no nav entry, and its API says why.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" })).toHaveCount(0);
  const audit = await page.request.get("/api/audit");
  expect(audit.status()).toBe(403);
});

test("the XLSX beside users.csv downloads from the Exports page as text cells, and the audit log has its SHA-256", async ({ page }) => {
  await logIn(page, undefined, "/exports");
  const { card, bytes } = await downloadFromUsersCard(page, "Opening it in Excel, Calc or Numbers? Use the XLSX.", "Download XLSX for a spreadsheet", /^users-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await expect(card.getByRole("status")).toContainText("Saved");

  const { text, allStrings } = xlsxText((await readXlsx(bytes)).rows);
  expect(allStrings).toBe(true);
  expect(text[0]).toEqual([...USERS_COLUMNS]);
  expect(text.length - 1).toBe((await directoryUserIds(page.request)).length);

  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await page.goto("/audit?action=export");
  const entry = page.getByRole("row").filter({ hasText: sha256 });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("users.xlsx");
  await expect(entry).toContainText("completed");
});

test("with a sync stored, the Exports page says how many rows each export holds before any download or walk", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const { counts } = (await (await page.request.get("/api/directory/summary")).json()) as { counts: { memberships: number; people: number; organizations: number } };
  await page.goto("/exports");
  const card = page.locator('section[data-export="users"]');
  const n = (k: number) => k.toLocaleString("en-US");
  await expect(card.getByText(`In the sync the header names: ${n(counts.memberships)} memberships of ${n(counts.people)} people in ${n(counts.organizations)} organizations`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("button", { name: "count the directory now" })).toHaveCount(0);
});
