import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./helpers";

/*
 * axe on every page an officer reaches from the navigation (UX.md: nothing serious). The pages
 * of roles, settings and groups have their own check in roles-settings-groups.spec.ts.
 */

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

test("the login page, Overview, Users, People, a person, seed lists, reconciliation, exports and audit have no serious accessibility violation", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/login");
  expect(await seriousViolations(page), "/login").toEqual([]);

  await logIn(page);
  const orgs = (await (await page.request.get("/api/compliance/organizations")).json()).data as { uuid: string }[];
  const users = (await (await page.request.get(`/api/compliance/organizations/${orgs[0]!.uuid}/users?limit=1`)).json()).data as { id: string }[];

  const pages: [string, RegExp | string][] = [
    ["/", /organizations?\b/i],
    ["/organizations", /organizations?\b/i],
    [`/organizations/${orgs[0]!.uuid}/users`, /users\b/],
    ["/people", /people\b/],
    [`/people/${users[0]!.id}`, /via group|direct/i],
    ["/seed-lists", /seed list/i],
    ["/reconciliation", /reconcil/i],
    ["/exports", /export/i],
    ["/audit", /audit/i],
  ];
  const found: Record<string, string[]> = {};
  for (const [path, ready] of pages) {
    await page.goto(path);
    await expect(page.getByText(ready).first()).toBeVisible({ timeout: 60_000 });
    // Let progressive loads settle so axe sees the page an officer reads, not a skeleton.
    await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => {});
    const v = await seriousViolations(page);
    if (v.length) found[path] = v;
  }
  expect(found).toEqual({});
});

test("in the system's dark scheme the dashboard turns dark and stays readable (axe, contrast included)", async ({ page }) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/login");
  // The page itself follows the scheme: a dark background, light text.
  const lightness = await page.evaluate(() => {
    // Colours compute as oklch(): let a canvas turn them into sRGB bytes.
    const ctx = document.createElement("canvas").getContext("2d")!;
    const rgb = (color: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data].slice(0, 3);
    };
    const lum = (c: number[]) => (0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!) / 255;
    const body = getComputedStyle(document.body);
    return { background: lum(rgb(body.backgroundColor)), text: lum(rgb(body.color)) };
  });
  expect(lightness.background).toBeLessThan(0.3);
  expect(lightness.text).toBeGreaterThan(0.7);
  expect(await seriousViolations(page), "/login (dark)").toEqual([]);

  await logIn(page);
  const found: Record<string, string[]> = {};
  for (const [path, ready] of [
    ["/", /organizations?\b/i],
    ["/people", /people\b/],
    ["/settings/compare", /organizations compared/],
    ["/audit", /audit/i],
  ] as const) {
    await page.goto(path);
    await expect(page.getByText(ready).first()).toBeVisible({ timeout: 60_000 });
    await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => {});
    await page.screenshot({ path: test.info().outputPath(`dark${path.replaceAll("/", "-") || "-overview"}.png`), fullPage: false });
    const v = await seriousViolations(page);
    if (v.length) found[path] = v;
  }
  expect(found).toEqual({});
});
