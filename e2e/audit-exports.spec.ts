import { expect, test, type APIRequestContext } from "@playwright/test";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { USERS_COLUMNS } from "../lib/export/columns";
import { readXlsx, xlsxText } from "../lib/export/xlsx-read";
import { E2E_VIEWER } from "./environment";
import { logIn } from "./helpers";

/*
 * The export an auditor relies on, end to end in the browser: the Exports page downloads
 * users.csv with its progress, the file holds exactly the directory's users (counted through the
 * app's own API, page by page), and the Audit page then lists that export as completed, with the
 * SHA-256 of the very bytes saved.
 */

interface Page<T> {
  data: T[];
  has_more?: boolean;
  next_page?: string | null;
}

async function walk<T>(request: APIRequestContext, path: string): Promise<T[]> {
  const rows: T[] = [];
  let page: string | undefined;
  for (;;) {
    const qs = new URLSearchParams({ limit: "1000", ...(page ? { page } : {}) });
    const res = await request.get(`${path}?${qs}`);
    expect(res.status(), `${path} answered`).toBe(200);
    const body = (await res.json()) as Page<T>;
    rows.push(...body.data);
    if (!body.has_more || !body.next_page) return rows;
    page = body.next_page;
  }
}

/** Every user id of every organization, one per membership, as the app's proxy lists them. */
async function directoryUserIds(request: APIRequestContext): Promise<string[]> {
  const orgs = await walk<{ uuid: string }>(request, "/api/compliance/organizations");
  const ids: string[] = [];
  for (const org of orgs) ids.push(...(await walk<{ id: string }>(request, `/api/compliance/organizations/${org.uuid}/users`)).map((u) => u.id));
  return ids;
}

test("users.csv downloaded from the Exports page holds every user, and the Audit page lists it as completed with its SHA-256", async ({ page }) => {
  await logIn(page, undefined, "/exports");
  await expect(page.getByRole("heading", { level: 1, name: "Exports" })).toBeVisible();
  const expectedIds = await directoryUserIds(page.request);
  expect(expectedIds.length).toBeGreaterThan(1000);

  const card = page.locator('section[data-export="users"]');
  await expect(card.getByText("One row per user per organization")).toBeVisible();
  const download = page.waitForEvent("download");
  await card.getByRole("button", { name: "Download users.csv" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile(await file.path());

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
  const card = page.locator('section[data-export="users"]');
  await expect(card.getByText("Opening it in Excel, Calc or Numbers? Use the XLSX.")).toBeVisible();
  const download = page.waitForEvent("download");
  await card.getByRole("button", { name: "Download XLSX for a spreadsheet" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const bytes = await readFile(await file.path());
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
