import { expect, test } from "@playwright/test";
import { e2eEnvironment } from "./environment";
import { ensureCompleteSync, logIn, syncNow } from "./helpers";

/*
 * What changed between two syncs: the simulator's directory is changed between them (its answer
 * lists every change it made), and the Changes page must show exactly those, filter them by kind
 * through the URL, and a changed person's page must show it in their timeline.
 */

const env = e2eEnvironment();
type Change = { kind: string; user_id?: string };

test("the Changes page shows every change between two syncs, filters by kind, and a person's timeline has theirs", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const before = await syncNow(page.request, baseURL!);

  const mutated = await page.request.post(`${env.simUrl}/__simulator/mutate`, { data: { churn: 0.02 } });
  expect(mutated.status()).toBe(200);
  const { changes } = (await mutated.json()) as { changes: Change[] };
  expect(changes.length).toBeGreaterThan(0);
  const after = await syncNow(page.request, baseURL!);

  await page.goto(`/changes?from=${before}&to=${after}`);
  await expect(page.getByTestId("changes-counts")).not.toHaveText("No changes", { timeout: 60_000 });
  await expect(page.getByText(`${changes.length.toLocaleString("en-US")} changes`).first()).toBeVisible({ timeout: 60_000 });

  const kind = changes.some((c) => c.kind === "member_joined") ? "member_joined" : changes[0]!.kind;
  const ofKind = changes.filter((c) => c.kind === kind).length;
  await page.goto(`/changes?from=${before}&to=${after}&kind=${kind}`);
  await expect(page.getByText(new RegExp(`^${ofKind.toLocaleString("en-US")} of ${changes.length.toLocaleString("en-US")} changes`)).first()).toBeVisible({ timeout: 60_000 });

  const someone = changes.find((c) => (c.kind === "member_changed" || c.kind === "member_joined") && c.user_id);
  test.skip(!someone, "this churn step changed no person still in the directory");
  await page.goto(`/people/${someone!.user_id}`);
  const timeline = page.getByTestId("history-section").first();
  await expect(timeline.locator("li").first()).toBeVisible({ timeout: 60_000 });
});

test("a sync compared with itself says why nothing is listed, and offers no download", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await logIn(page);
  const sync = await ensureCompleteSync(page.request, baseURL!);
  await page.goto(`/changes?from=${sync}&to=${sync}`);
  await expect(page.getByTestId("changes-counts")).toHaveText(/same sync|Only one sync is complete/, { timeout: 60_000 });
  await expect(page.getByRole("table").getByText(/same sync|Only one sync is complete/)).toBeVisible();
  await expect(page.getByRole("link", { name: /^Download (CSV|NDJSON)$/ })).toHaveCount(0);
});
