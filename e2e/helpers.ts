import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_OFFICER } from "./environment";

export async function logIn(page: Page, who: { username: string; password: string } = E2E_OFFICER, next = "/"): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Username").fill(who.username);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: /log in|sign in/i }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Waits for a complete sync (starting one if none is running): table downloads are built on the
 * server from the sync the page shows, so a page read while the first sync runs offers none.
 */
export async function ensureCompleteSync(request: APIRequestContext, baseURL: string): Promise<string> {
  type Sync = { id: string; status: string };
  const list = async () => ((await (await request.get("/api/syncs")).json()) as { syncs: Sync[] }).syncs;
  if (!(await list()).some((s) => s.status === "complete" || s.status === "running")) {
    expect((await request.post("/api/syncs", { data: {}, headers: { origin: baseURL } })).status()).toBe(202);
  }
  await expect.poll(async () => (await list()).some((s) => s.status === "complete"), { timeout: 120_000, intervals: [500] }).toBe(true);
  return (await list()).find((s) => s.status === "complete")!.id;
}
