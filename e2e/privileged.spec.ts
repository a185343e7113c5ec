import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { holdRequests, logIn } from "./helpers";

/*
 * The privileged access report, answered by the server window by window: per-organization counts
 * with the one-primary-owner check; the table's size is every row of the report; a filter, a search
 * and a sort are the server's (the rows are the query route's); scrolling far down brings a later
 * window; the audited download and the print layout hold exactly the view's rows.
 */

type Answer = { matched: number; rows_total: number; rows: Array<{ email: string; user_id: string; access: string }> };

const answerOf = async (page: Page, qs: string): Promise<Answer> => (await (await page.request.get(`/api/directory/privileged/query?${qs}`)).json()) as Answer;

test("privileged access: the server's rows, a filter, search, sort, a later window, the audited download and the print layout", async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, undefined, "/privileged");
  await page.goto("/privileged");
  await expect(page.getByRole("heading", { name: "Privileged access" })).toBeVisible();
  // The simulator gives every organization exactly one primary owner.
  await expect(page.getByText("Every organization has exactly one primary owner.")).toBeVisible({ timeout: 120_000 });

  const table = page.getByRole("table", { name: "Privileged access" });
  const rows = table.locator("tbody tr[aria-rowindex]");
  const whole = (await (await page.request.get("/api/directory/privileged?limit=1")).json()) as { rows_total: number };
  await expect(table).not.toHaveAttribute("aria-busy", "true");
  await expect(table).toHaveAttribute("aria-rowcount", String(whole.rows_total + 1));
  await expect(rows.first()).toBeVisible();

  // Only permissions that come through a group → role.
  await page.getByRole("button", { name: "Comes from filter" }).click();
  await page.getByRole("checkbox", { name: /^Permission via group/ }).check();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/source=permission/);
  const permission = await answerOf(page, "source=permission&limit=1");
  // More than a window or two, so scrolling to the end asks for a later one.
  expect(permission.matched).toBeGreaterThan(300);
  await expect(table).toHaveAttribute("aria-rowcount", String(permission.matched + 1));
  await expect(table.getByRole("cell", { name: /listed by the organization/ })).toHaveCount(0);

  // Sorted by email, descending: the first row is the server's first.
  await table.getByRole("button", { name: /^Email/ }).click();
  await expect(page).toHaveURL(/sort=email/);
  await table.getByRole("button", { name: /^Email/ }).click();
  await expect(page).toHaveURL(/sort=-email/);
  const sorted = await answerOf(page, "source=permission&sort=-email&limit=1");
  await expect(rows.first()).toContainText(sorted.rows[0]!.email);

  // Far down the view: a later window is fetched and its last row is the server's last.
  const last = await answerOf(page, `source=permission&sort=-email&offset=${permission.matched - 1}&limit=1`);
  await page.getByRole("region", { name: "Privileged access" }).evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(table.locator(`tbody tr[aria-rowindex="${permission.matched + 1}"]`)).toContainText(last.rows[0]!.email);
  await expect(table).not.toHaveAttribute("aria-busy", "true");

  // Print takes at most 5,000 rows: a larger view says how to narrow it instead.
  if (permission.matched > 5_000) {
    await page.getByRole("button", { name: "Print" }).click();
    await expect(page.getByRole("alert")).toContainText(/narrow the view .* or download the CSV/i);
  }

  // A search narrows the view on the server.
  const someone = sorted.rows[0]!;
  await page.getByRole("searchbox", { name: "Search people, access or path" }).fill(someone.email);
  await expect(page).toHaveURL(/q=/);
  const searched = await answerOf(page, `q=${encodeURIComponent(someone.email)}&source=permission&sort=-email&limit=1`);
  expect(searched.matched).toBeLessThan(5_000);
  await expect(table).toHaveAttribute("aria-rowcount", String(searched.matched + 1));
  await expect(rows.first()).toContainText(someone.email);

  // The download is the view: the same rows, audited.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV (audited)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^privileged-access_sync_[0-9a-z_]+\.csv$/);
  const csv = (await readFile(await download.path(), "utf8")).trim().split(/\r?\n/);
  expect(csv.length - 1).toBe(searched.matched);
  const audit = (await (await page.request.get("/api/audit?action=export")).json()) as { entries: Array<{ target: string; rows?: number; sha256?: string; sync_id?: string }> };
  const entry = audit.entries.find((e) => e.target === "privileged.csv");
  expect(entry?.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(entry?.sync_id).toMatch(/^sync_/);
  expect(entry?.rows).toBe(searched.matched);

  // Print asks the server for the view's rows, then prints them all.
  await page.getByRole("button", { name: "Print" }).click();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("print-header")).toContainText("sync");
  const printed = page.locator('table[data-print-table="Privileged access"] tbody tr');
  await expect(printed).toHaveCount(searched.matched);
  await expect(page.getByTestId("privileged-shown")).toHaveText(String(searched.matched));
});

test("privileged access: while a new filter is answered, the rows and count of the one before are not given as its answer", async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, undefined, "/privileged");
  await page.goto("/privileged");
  const whole = await answerOf(page, "limit=1");
  const permission = await answerOf(page, "source=permission&limit=1");
  const counts = page.locator("[aria-live]").filter({ hasText: /privileged access/ });
  await expect(counts).toContainText(whole.rows_total.toLocaleString("en-US"), { timeout: 120_000 });

  const release = await holdRequests(page, "**/api/directory/privileged/query?*");
  await page.getByRole("button", { name: "Comes from filter" }).click();
  await page.getByRole("checkbox", { name: /^Permission via group/ }).check();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/source=permission/);
  await expect(counts).toContainText(`Counting… of ${whole.rows_total.toLocaleString("en-US")}`);
  await expect(counts).toContainText("the rows shown are from before the last change");

  release();
  await expect(counts).toContainText(new RegExp(`(^|[^\\d,])${permission.matched.toLocaleString("en-US")} of `));
  await expect(counts).not.toContainText("Counting");
});
