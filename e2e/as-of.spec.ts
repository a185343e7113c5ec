import { expect, test, type APIRequestContext } from "@playwright/test";
import { logIn } from "./helpers";
import { E2E_VIEWER } from "./environment";

/*
 * What the officer is looking at: the header's "As of ..." line (UTC on hover), and `as_of` in the
 * page URL: a banner on every page, in-app links that keep it, and "Back to now".
 */

type Sync = { id: string; status: string; finished_at: string | null };

/** A complete sync, started through the same route as "Sync now" when needed. */
async function completeSync(request: APIRequestContext, baseURL: string, fresh: boolean): Promise<Sync> {
  const listed = ((await (await request.get("/api/syncs")).json()) as { syncs: Sync[] }).syncs;
  const done = listed.find((s) => s.status === "complete");
  if (done && !fresh) return done;
  const started = await request.post("/api/syncs", { data: {}, headers: { origin: baseURL } });
  expect(started.status()).toBe(202);
  const { sync } = (await started.json()) as { sync: Sync };
  await expect
    .poll(async () => ((await (await request.get(`/api/syncs/${sync.id}`)).json()) as { sync: Sync }).sync.status, { timeout: 120_000, intervals: [500] })
    .not.toBe("running");
  const ended = ((await (await request.get(`/api/syncs/${sync.id}`)).json()) as { sync: Sync }).sync;
  expect(ended.status).toBe("complete");
  return ended;
}

test("the header says which sync is shown; as_of shows an earlier one on every page until Back to now", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  await logIn(page);
  const first = await completeSync(page.request, baseURL!, false);
  const newest = await completeSync(page.request, baseURL!, true);
  expect(newest.id).not.toBe(first.id);

  await page.goto("/groups");
  const line = page.getByTestId("as-of-line");
  await expect(line).toHaveText(/^As of \d\d:\d\d, sync of \d{1,2} \w{3}/);
  await expect(line).toHaveAttribute("title", /UTC/);
  await expect(page.getByTestId("as-of-banner")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Sync now" })).toBeVisible();

  await page.goto(`/groups?as_of=${first.id}`);
  const banner = page.getByTestId("as-of-banner");
  await expect(banner).toContainText("You are viewing the directory as of");
  await expect(banner).toContainText("UTC");
  await expect(page.getByTestId("sync-picker")).toHaveValue(first.id);

  // An in-app link keeps the as_of: the banner is still there on the next page.
  await page.locator("nav").getByRole("link", { name: "Organizations", exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/organizations\\?as_of=${first.id}$`));
  await expect(banner).toBeVisible();

  await banner.getByRole("link", { name: "Back to now" }).click();
  await expect(page).toHaveURL(/\/organizations$/);
  await expect(page.getByTestId("as-of-banner")).toHaveCount(0);
  await expect(page.getByTestId("sync-picker")).toHaveValue("");
});

test("a viewer sees what is shown but no Sync now button", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, E2E_VIEWER, "/groups");
  await expect(page.getByTestId("as-of-line")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);
  await context.close();
});
