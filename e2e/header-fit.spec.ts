import { expect, test, type Page } from "@playwright/test";
import { e2eEnvironment } from "./environment";
import { ensureCompleteSync, logIn } from "./helpers";

/*
 * The header holds the search, the sync's state, who is logged in and "Log out". While a sync ran
 * its progress line pushed "Log out" past the window's edge and squeezed the page's title to one
 * letter (at 1,400 px). Checked here at the app's narrowest width and at the suite's 1,280 px,
 * with a sync held running by the simulator (every answer delayed) so its progress line is there.
 * The header may then take two lines; the navigation's title block grows with it.
 */

const env = e2eEnvironment();

async function expectHeaderFits(page: Page, width: number) {
  await page.setViewportSize({ width, height: 800 });
  const logout = page.getByRole("button", { name: "Log out" });
  await expect(logout).toBeVisible();
  const box = (await logout.boundingBox())!;
  expect(box.x + box.width, `"Log out" ends at ${Math.round(box.x + box.width)} px in a ${width} px window`).toBeLessThanOrEqual(width);
  // UX.md: the header shows which tree the key reaches and how fresh the data is, at every width.
  await expect(page.getByText(/^Tree: /)).toBeVisible();
  await expect(page.getByTestId("as-of-line")).toBeVisible();
  const title = page.getByRole("navigation", { name: "Breadcrumb" });
  expect((await title.boundingBox())!.width, "the page's title keeps room to be read").toBeGreaterThanOrEqual(120);
  // Wrapped to a second line, the header still ends where the navigation's title block does: one border line across the window.
  const header = (await page.getByRole("banner").boundingBox())!;
  const navTitle = (await page.getByRole("navigation", { name: "Main" }).locator(":scope > div").first().boundingBox())!;
  expect(Math.abs(header.y + header.height - (navTitle.y + navTitle.height)), `header ends at ${header.y + header.height} px, the navigation's title at ${navTitle.y + navTitle.height} px`).toBeLessThanOrEqual(1);
}

test("the header keeps Log out and the page title in view while a sync runs", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  expect((await page.request.post(`${env.simUrl}/__simulator/faults`, { data: { rules: [{ kind: "latency", latencyMs: 700 }] } })).status()).toBe(200);
  try {
    const started = await page.request.post("/api/syncs", { data: {}, headers: { origin: baseURL! } });
    expect(started.status()).toBe(202);
    const { sync } = (await started.json()) as { sync: { id: string } };
    await page.goto("/reconciliation");
    await expect(page.getByTestId("sync-progress")).toBeVisible({ timeout: 30_000 });
    for (const width of [1280, 1024]) await expectHeaderFits(page, width);
    await page.request.delete(`${env.simUrl}/__simulator/faults`);
    // The suite's next tests start with no sync running.
    await expect
      .poll(async () => ((await (await page.request.get(`/api/syncs/${sync.id}`)).json()) as { sync: { status: string } }).sync.status, { timeout: 150_000, intervals: [500] })
      .toBe("complete");
  } finally {
    await page.request.delete(`${env.simUrl}/__simulator/faults`);
  }
});
