import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_OFFICER } from "./environment";
import { logIn } from "./helpers";

/*
 * The browser-facing defences: the security headers, a script policy that allows nothing but this
 * response's nonce (and the app still works under it), session cookies that rotate at login and die
 * at logout, and state-changing routes that refuse another site's requests.
 */

function directives(csp: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (csp ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values.join(" "));
  }
  return out;
}

async function apiLogIn(request: APIRequestContext, baseURL: string): Promise<string> {
  const res = await request.post("/api/auth/login", { data: E2E_OFFICER, headers: { origin: baseURL } });
  expect(res.status()).toBe(204);
  const cookie = res.headersArray().find((h) => h.name.toLowerCase() === "set-cookie")?.value;
  expect(cookie).toBeTruthy();
  return cookie!.split(";")[0]!;
}

/** Collects CSP violations the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  await page.exposeFunction("__reportCspViolation", (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCspViolation: (v: string) => void }).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${location.pathname}`);
    });
  });
  return seen;
}

test.describe("security headers", () => {
  test("pages carry a nonce-only script policy and the other defences", async ({ request }) => {
    for (const path of ["/login", "/", "/groups"]) {
      const res = await request.get(path, { maxRedirects: 0 });
      const h = res.headers();
      const csp = directives(h["content-security-policy"]);
      expect(csp.get("script-src"), path).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'$/);
      expect(csp.get("script-src"), path).not.toContain("unsafe-inline");
      expect(csp.get("default-src"), path).toBe("'self'");
      expect(csp.get("frame-ancestors"), path).toBe("'none'");
      expect(csp.get("object-src"), path).toBe("'none'");
      expect(csp.get("base-uri"), path).toBe("'self'");
      expect(h["x-content-type-options"], path).toBe("nosniff");
      expect(h["referrer-policy"], path).toBe("same-origin");
      expect(h["permissions-policy"], path).toMatch(/camera=\(\)/);
      expect(h["x-frame-options"], path).toBe("DENY");
      // Plain http on localhost: HSTS would pin the demo to an https it does not serve.
      expect(h["strict-transport-security"], path).toBeUndefined();
      expect(csp.has("upgrade-insecure-requests"), path).toBe(false);
    }
  });

  test("API answers (JSON, CSV, errors) allow nothing to run and nobody to frame them", async ({ request }) => {
    for (const path of ["/api/health", "/api/auth/me", "/api/compliance/organizations", "/api/no-such-route"]) {
      const res = await request.get(path);
      const h = res.headers();
      const csp = directives(h["content-security-policy"]);
      expect(csp.get("default-src"), path).toBe("'none'");
      expect(csp.get("frame-ancestors"), path).toBe("'none'");
      expect(h["x-content-type-options"], path).toBe("nosniff");
      expect(h["referrer-policy"], path).toBe("same-origin");
      expect(h["permissions-policy"], path).toMatch(/camera=\(\)/);
      expect(h["content-type"], path).toMatch(/application\/json/);
    }
  });

  test("each page gets its own nonce, and the page's scripts carry it", async ({ request }) => {
    const a = await request.get("/login");
    const b = await request.get("/login");
    const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
    const na = nonceOf(a.headers()["content-security-policy"]!);
    const nb = nonceOf(b.headers()["content-security-policy"]!);
    expect(na).toBeTruthy();
    expect(na).not.toBe(nb);
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${na}"`);
  });

  test("behind https (a proxy says so), answers add HSTS and pages upgrade insecure requests", async ({ request }) => {
    const page = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
    expect(page.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
    expect(directives(page.headers()["content-security-policy"]).has("upgrade-insecure-requests")).toBe(true);
    const api = await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
    expect(api.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  });
});

test("the app works under its own policy: no violation while logging in and loading the main pages", async ({ page }) => {
  test.setTimeout(120_000);
  const violations = await watchViolations(page);
  // Next's client runtime sets window.next once its scripts (allowed only by the nonce) have run.
  const hydrated = () => page.waitForFunction(() => typeof (window as unknown as { next?: unknown }).next === "object", null, { timeout: 30_000 });

  await logIn(page);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await hydrated();

  const orgs = (await (await page.request.get("/api/compliance/organizations")).json()) as { data: { uuid: string }[] };
  await page.goto(`/organizations/${orgs.data[0]!.uuid}/users`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await hydrated();

  // Client-side navigation fetches more code and data under the same policy.
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Groups" }).click();
  await expect(page).toHaveURL(/\/groups$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await nav.getByRole("link", { name: "People" }).click();
  await expect(page).toHaveURL(/\/people$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/people");
  await hydrated();
  // Let lazily loaded chunks and the directory stream arrive before judging.
  await page.waitForTimeout(3_000);
  expect(violations).toEqual([]);
});

test.describe("sessions", () => {
  test("a second login issues a new cookie and the first one stops working", async ({ playwright, baseURL }) => {
    const ctx = await playwright.request.newContext({ baseURL });
    const first = await apiLogIn(ctx, baseURL!);
    const second = await apiLogIn(ctx, baseURL!);
    expect(second).not.toBe(first);
    const me = (cookie: string) => playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie } }).then((c) => c.get("/api/auth/me"));
    expect((await me(second)).status()).toBe(200);
    expect((await me(first)).status()).toBe(401);
    await ctx.dispose();
  });

  test("after logout, a copy of the old cookie is refused", async ({ playwright, baseURL }) => {
    const ctx = await playwright.request.newContext({ baseURL });
    const cookie = await apiLogIn(ctx, baseURL!);
    const copy = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie } });
    expect((await copy.get("/api/compliance/organizations")).status()).toBe(200);
    expect((await ctx.post("/api/auth/logout", { headers: { origin: baseURL! } })).status()).toBe(204);
    const after = await copy.get("/api/compliance/organizations");
    expect(after.status()).toBe(401);
    expect(((await after.json()) as { error: { message: string } }).error.message).toMatch(/log in/i);
    await ctx.dispose();
    await copy.dispose();
  });
});

test("a state-changing request from another site is refused", async ({ playwright, baseURL }) => {
  const ctx = await playwright.request.newContext({ baseURL });
  const cookie = await apiLogIn(ctx, baseURL!);
  const evil = { cookie, "content-type": "application/json" };
  const attempts = [
    ctx.post("/api/auth/logout", { headers: { ...evil, origin: "https://evil.example" } }),
    ctx.post("/api/seed-lists/resolve", { headers: { ...evil, origin: "https://evil.example" }, data: { sources: [{ kind: "paste", text: "a@b.c" }] } }),
    ctx.post("/api/auth/login", { headers: { "content-type": "application/json", origin: "null" }, data: E2E_OFFICER }),
    ctx.post("/api/reconciliation", { headers: { ...evil, "sec-fetch-site": "cross-site" }, data: { group_id: "rbac_group_x", expected: { kind: "paste", text: "a@b.c" } } }),
  ];
  for (const res of await Promise.all(attempts)) {
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/another site/);
  }
  // The session survived the forged logout.
  const still = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  expect((await still.get("/api/auth/me")).status()).toBe(200);
  await still.dispose();
  await ctx.dispose();
});
