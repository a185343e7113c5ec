import { expect, test, type Page } from "@playwright/test";
import { ensureCompleteSync, logIn, syncNow } from "./helpers";

/*
 * People, the privileged report, Changes and the Overview send their first rows with the page's HTML, so they
 * paint before any script runs (issue 12). Read here with JavaScript off: the rows must be in the
 * document, and be the right ones (the same as the routes answer). Then with scripts on: the
 * interactive table takes over from them without a hydration error and with the same first row.
 */

type PeopleAnswer = { matched: number; rows: Array<{ id: string; full_name: string }> };
type Privileged = { rows_total: number; rows: Array<{ email: string }> };
type PrivilegedView = { matched: number; rows: Array<{ email: string }> };
type Summary = { total: number };

const dataRows = (page: Page, table: string) => page.getByRole("table", { name: table }).locator("tbody tr[aria-rowindex]");
const headersOf = async (page: Page, table: string) => (await page.getByRole("table", { name: table }).locator("thead th").allTextContents()).map((t) => t.trim());

async function latestPair(page: Page, baseURL: string): Promise<{ from: string; to: string }> {
  type Sync = { id: string; status: string };
  const complete = async () => ((await (await page.request.get("/api/syncs")).json()) as { syncs: Sync[] }).syncs.filter((s) => s.status === "complete");
  if ((await complete()).length < 2) await syncNow(page.request, baseURL);
  const [to, from] = await complete();
  return { from: from!.id, to: to!.id };
}

test("the first rows of People, the privileged report, Changes and the Overview are in the page's HTML, and scripts take over without a mismatch", async ({ page, browser, baseURL }) => {
  test.setTimeout(300_000);
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const { from, to } = await latestPair(page, baseURL!);

  const people = (await (await page.request.get("/api/directory/people/query?sort=name&limit=5&facets=0")).json()) as PeopleAnswer;
  const privileged = (await (await page.request.get("/api/directory/privileged?limit=5")).json()) as Privileged;
  const changes = (await (await page.request.get(`/api/directory/changes/summary?from=${from}&to=${to}`)).json()) as Summary;

  const overview = (await (await page.request.get("/api/directory/overview")).json()) as { organizations: Array<{ name: string; users: number }> };

  let firstScreenHeaders: string[] = [];
  let overviewHeaders: string[] = [];
  const scriptless = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const html = await scriptless.newPage();
    await html.goto("/people");
    const peopleRows = dataRows(html, "People across all organizations");
    await expect(peopleRows.first()).toContainText(people.rows[0]!.full_name);
    await expect(peopleRows.first()).toContainText(people.rows[0]!.id);
    await expect(html.getByRole("table", { name: "People across all organizations" })).toHaveAttribute("aria-rowcount", String(people.matched + 1));
    firstScreenHeaders = await headersOf(html, "People across all organizations");
    // Every header is named before the table loads, the selection column's too, as the interactive
    // one's checkbox is (axe's empty-table-header; axe itself cannot run in a page without scripts).
    const peopleHeaders = html.getByRole("table", { name: "People across all organizations" }).getByRole("columnheader");
    for (let i = 0; i < (await peopleHeaders.count()); i++) await expect(peopleHeaders.nth(i)).toHaveAccessibleName(/\S/);
    await expect(html.getByRole("checkbox", { name: "Select rows (once the table has loaded)" })).toBeDisabled();

    await html.goto("/privileged");
    await expect(dataRows(html, "Privileged access").first()).toContainText(privileged.rows[0]!.email);
    await expect(html.getByRole("table", { name: "Privileged access" })).toHaveAttribute("aria-rowcount", String(privileged.rows_total + 1));

    // The privileged report answers any view on the server, so a view in the URL is in the HTML too.
    const view = (await (await page.request.get("/api/directory/privileged/query?source=permission&sort=-email&limit=5")).json()) as PrivilegedView;
    await html.goto("/privileged?source=permission&sort=-email");
    await expect(dataRows(html, "Privileged access").first()).toContainText(view.rows[0]!.email);
    await expect(html.getByRole("table", { name: "Privileged access" })).toHaveAttribute("aria-rowcount", String(view.matched + 1));

    await html.goto(`/changes?from=${from}&to=${to}`);
    const changesTable = html.getByRole("table", { name: `Changes from ${from} to ${to}` });
    await expect(changesTable).toHaveAttribute("aria-rowcount", String(changes.total + 1));
    if (changes.total > 0) await expect(changesTable.locator("tbody tr[aria-rowindex]").first()).toBeVisible();

    // The Overview: the tree's figures and its first organizations with every count.
    await html.goto("/");
    await expect(html.getByText(/^Every organization counted, from the sync finished .* UTC\.$/)).toBeVisible();
    const overviewRows = dataRows(html, "Organizations under the parent");
    await expect(overviewRows.first()).toContainText(overview.organizations[0]!.name);
    await expect(overviewRows.first()).toContainText(overview.organizations[0]!.users.toLocaleString("en-US"));
    await expect(html.getByRole("table", { name: "Organizations under the parent" })).toHaveAttribute("aria-rowcount", String(overview.organizations.length + 1));
    overviewHeaders = await headersOf(html, "Organizations under the parent");

    // A view in the URL is the browser's to load: no first screen for it, and nothing wrong shown.
    await html.goto("/people?q=zzzz-nobody");
    await expect(dataRows(html, "People across all organizations")).toHaveCount(0);
  } finally {
    await scriptless.close();
  }

  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat|did not match|server rendered/i.test(m.text())) problems.push(m.text());
  });
  await page.goto("/people");
  // The toolbar's search box exists only in the interactive page: it has taken over.
  await expect(page.getByRole("searchbox", { name: "Search people by name, email or user id" })).toBeVisible();
  await expect(dataRows(page, "People across all organizations").first()).toContainText(people.rows[0]!.full_name);
  // The same columns in the same order, so nothing moves when the interactive table takes over.
  expect(await headersOf(page, "People across all organizations")).toEqual(firstScreenHeaders);
  await page.goto("/");
  await expect(page.getByRole("searchbox", { name: "Filter organizations by name or id" })).toBeVisible();
  expect(await headersOf(page, "Organizations under the parent")).toEqual(overviewHeaders);
  // The interactive privileged table starts from the first screen's window: it asks neither for it again nor for the whole report.
  const privilegedReads: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/directory/privileged")) privilegedReads.push(r.url());
  });
  await page.goto("/privileged");
  await expect(page.getByRole("searchbox", { name: "Search people, access or path" })).toBeVisible();
  await expect(dataRows(page, "Privileged access").first()).toContainText(privileged.rows[0]!.email);
  await expect(page.getByRole("table", { name: "Privileged access" })).toHaveAttribute("aria-rowcount", String(privileged.rows_total + 1));
  await expect(page.getByRole("table", { name: "Privileged access" })).not.toHaveAttribute("aria-busy", "true");
  expect(privilegedReads).toEqual([]);
  expect(problems).toEqual([]);
});
