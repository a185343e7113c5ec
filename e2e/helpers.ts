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

/** Starts a sync and waits until it is complete; its id. */
export async function syncNow(request: APIRequestContext, baseURL: string): Promise<string> {
  const started = await request.post("/api/syncs", { data: {}, headers: { origin: baseURL } });
  expect(started.status()).toBe(202);
  const { sync } = (await started.json()) as { sync: { id: string } };
  await expect
    .poll(async () => ((await (await request.get(`/api/syncs/${sync.id}`)).json()) as { sync: { status: string } }).sync.status, { timeout: 150_000, intervals: [500] })
    .toBe("complete");
  return sync.id;
}

/** Every record of a paginated list the app answers in the upstream's shape, page by page (1,000 a page). */
export async function allPages<T>(request: APIRequestContext, path: string): Promise<T[]> {
  const rows: T[] = [];
  let page: string | undefined;
  for (;;) {
    const qs = new URLSearchParams({ limit: "1000", ...(page ? { page } : {}) });
    const res = await request.get(`${path}?${qs}`);
    expect(res.status(), `${path} answered`).toBe(200);
    const body = (await res.json()) as { data: T[]; has_more?: boolean; next_page?: string | null };
    rows.push(...body.data);
    if (!body.has_more || !body.next_page) return rows;
    page = body.next_page;
  }
}

/**
 * Holds back the requests matching `url` (they reach the real server once released): what the page
 * shows while an answer is on its way. Returns the release.
 */
export async function holdRequests(page: Page, url: string): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(url, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}
