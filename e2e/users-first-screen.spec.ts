import { expect, test, type Page } from "@playwright/test";
import { allPages, ensureCompleteSync, logIn } from "./helpers";

/*
 * An organization's users page sends its first rows with the HTML (issue 12), read from the same
 * first page the table's walk asks for first. With JavaScript off, the rows must be in the
 * document and be the route's. With scripts on, the table takes over from that page: it never
 * asks for it again, and its walk ends with every user exactly once.
 */

type User = { id: string; full_name: string; email: string };
type Organization = { uuid: string; name: string };

const dataRows = (page: Page, table: string) => page.getByRole("table", { name: table }).locator("tbody tr[aria-rowindex]");

test("an organization's users are in the page's HTML, and the table's walk starts from them", async ({ page, browser, baseURL }) => {
  test.setTimeout(300_000);
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);

  // The largest organization: the most rows, the one most likely to have more than one page.
  const orgs = await allPages<Organization>(page.request, "/api/directory/organizations");
  const sized = await Promise.all(orgs.map(async (o) => ({ org: o, users: await allPages<User>(page.request, `/api/directory/organizations/${o.uuid}/users`) })));
  const { org, users } = sized.sort((a, b) => b.users.length - a.users.length)[0]!;
  expect(users.length).toBeGreaterThan(30);
  const route = `/api/directory/organizations/${org.uuid}/users`;
  const firstPage = (await (await page.request.get(`${route}?limit=1000`)).json()) as { data: User[] };
  const url = `/organizations/${org.uuid}/users`;
  const label = `Users of ${org.name}`;

  const scriptless = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const html = await scriptless.newPage();
    await html.goto(url);
    const rows = dataRows(html, label);
    await expect(rows).toHaveCount(30);
    await expect(rows.first()).toContainText(firstPage.data[0]!.full_name);
    await expect(rows.first()).toContainText(firstPage.data[0]!.id);
    await expect(rows.nth(29)).toContainText(firstPage.data[29]!.email);
    await expect(html.getByRole("table", { name: label })).toHaveAttribute("aria-rowcount", String(users.length + 1));
    await expect(html.getByText(`The first 30 of ${users.length.toLocaleString("en-US")} users`)).toBeVisible();

    // A view in the URL is the browser's to load: no first screen for it.
    await html.goto(`${url}?q=zzzz-nobody`);
    await expect(html.locator("tbody tr[aria-rowindex]")).toHaveCount(0);
  } finally {
    await scriptless.close();
  }

  const problems: string[] = [];
  const asked: URL[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat|did not match|server rendered/i.test(m.text())) problems.push(m.text());
  });
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname === route) asked.push(u);
  });
  await page.goto(url);
  const search = page.getByRole("searchbox", { name: /^Search users/ });
  await expect(search).toBeVisible();
  const table = page.getByRole("table", { name: label });
  await expect(table).not.toHaveAttribute("aria-busy", /.*/, { timeout: 60_000 });
  await expect(table).toHaveAttribute("aria-rowcount", String(users.length + 1));
  await expect(page.getByText(`${users.length.toLocaleString("en-US")} users`, { exact: true })).toBeVisible();
  await expect(dataRows(page, label).first()).toContainText(firstPage.data[0]!.full_name);
  // The first page came with the HTML: the walk only ever asked for the pages after it.
  expect(asked.filter((u) => !u.searchParams.has("page")).map(String)).toEqual([]);

  // Every user once: a user of the seeded page and the last user each match one row.
  for (const u of [firstPage.data[0]!, users[users.length - 1]!]) {
    await search.fill(u.id);
    await expect(table).toHaveAttribute("aria-rowcount", "2");
    await expect(dataRows(page, label).first()).toContainText(u.id);
  }
  expect(problems).toEqual([]);
});
