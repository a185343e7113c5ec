import { expect, test, type APIRequestContext } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { logIn } from "./helpers";

/*
 * Work that is not lost (issue 12, item 4) and the printed person (issue 11, item 5): a saved
 * reconciliation is a page of its own that Back returns to; a person's page printed shows the
 * sync in its header and every group and permission, not only those in view.
 */

async function firstPage<T>(request: APIRequestContext, path: string): Promise<T[]> {
  const res = await request.get(`${path}?limit=1000`);
  expect(res.status(), `${path} answered`).toBe(200);
  return ((await res.json()) as { data: T[] }).data;
}

test("a reconciliation saved by name opens at its own address, and is there again after Back", async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, undefined, "/reconciliation");
  const groups = await firstPage<{ id: string; name: string }>(page.request, "/api/compliance/groups");
  let group: { id: string; name: string } | undefined;
  let members: { email: string }[] = [];
  for (const g of groups) {
    members = await firstPage<{ email: string }>(page.request, `/api/compliance/groups/${g.id}/members`);
    if (members.length >= 2) {
      group = g;
      break;
    }
  }
  expect(group, "a group with members").toBeDefined();

  await page.goto(`/reconciliation?group=${encodeURIComponent(group!.id)}`);
  await expect(page.getByLabel("Group", { exact: true })).toHaveValue(group!.id);
  await page.getByLabel("Expected members", { exact: true }).fill([members[0]!.email, "nobody-here@example.com"].join("\n"));
  await page.getByRole("button", { name: "Reconcile", exact: true }).click();
  const name = `Saved e2e ${Date.now()}`;
  await page.getByLabel("Save as").fill(name);
  await page.getByRole("button", { name: "Save this reconciliation" }).click();

  await expect(page).toHaveURL(/\/reconciliation\/rc_[A-Za-z0-9_-]+/);
  const savedUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("tab", { name: /Missing \(1\)/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: "#1", exact: true })).toBeVisible();

  // Away (the list names it), then Back: the saved page again, from its address alone.
  await page.getByRole("link", { name: "← Reconciliation" }).click();
  await expect(page.getByRole("link", { name })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(savedUrl);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("tab", { name: /Missing \(1\)/ })).toBeVisible();

  // A reload keeps it too: nothing lived only in the page's memory.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Re-run: a second run, and the comparison of the two opens.
  await page.getByRole("button", { name: "Re-run against the newest sync" }).click();
  await expect(page).toHaveURL(/run=2/);
  await expect(page.getByTestId("run-comparison")).toBeVisible();
  await expect(page.getByText("Newly missing in run #2 (0)")).toBeVisible();

  // The shown run downloads from here, as the server keeps it.
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download all three lists (CSV)" }).click()]);
  expect(file.suggestedFilename()).toMatch(/_run-2_.*\.csv$/);
  const csv = await readFile((await file.path())!, "utf8");
  expect(csv).toContain(members[0]!.email);
  expect(csv).toContain("nobody-here@example.com");
});

test("a person's page printed: the header names the sync, and every group and permission is a row", async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, undefined, "/people");
  const orgs = await firstPage<{ uuid: string }>(page.request, "/api/compliance/organizations");
  const users = await firstPage<{ id: string }>(page.request, `/api/compliance/organizations/${orgs[0]!.uuid}/users`);
  // A person with groups and permissions, so the counts mean something.
  let chosen: { id: string; groups: number; permissions: number } | undefined;
  for (const u of users.slice(0, 40)) {
    const res = await page.request.get(`/api/directory/people/${u.id}`, { headers: { accept: "application/json" } });
    if (res.status() !== 200) continue;
    const d = (await res.json()) as { groups: unknown[]; permissions: unknown[] };
    if (d.groups.length > 0 && d.permissions.length > 0) {
      chosen = { id: u.id, groups: d.groups.length, permissions: d.permissions.length };
      break;
    }
  }
  expect(chosen, "a person with groups and permissions").toBeDefined();

  await page.goto(`/people/${chosen!.id}?perm=zzzz-matches-nothing`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const header = page.getByTestId("print-header");
  await expect(header).toBeHidden();

  await page.emulateMedia({ media: "print" });
  await expect(header).toBeVisible();
  await expect(page.getByRole("navigation").first()).toBeHidden();
  const summary = await page.request.get("/api/directory/summary");
  const sync = summary.headers()["x-directory-sync"];
  expect(sync, "the directory comes from a sync").toMatch(/^sync_/);
  await expect(page.getByTestId("print-sync-id")).toHaveText(sync!);
  await expect(page.getByTestId("print-officer")).not.toHaveText("");
  // The screen's permission filter matches nothing; the printed table still has every permission.
  await expect(page.locator('[data-print-table="Groups"] tbody tr')).toHaveCount(chosen!.groups);
  await expect(page.locator('[data-print-table="Permissions"] tbody tr')).toHaveCount(chosen!.permissions);
});

test("a table view saved under a name is listed for its page and opens the same address", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, undefined, "/people");
  const query = "q=saved-view-probe";
  await page.goto(`/people?${query}`);
  await expect(page.getByLabel("Search people by name, email or user id")).toHaveValue("saved-view-probe");
  const name = `Probe view ${Date.now()}`;
  await page.getByRole("button", { name: "Save view" }).first().click();
  await page.getByRole("dialog", { name: "Save this view" }).getByLabel("Name").fill(name);
  await page.getByRole("dialog", { name: "Save this view" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved “${name}”` })).toBeVisible();

  await page.goto("/people");
  await page.getByRole("button", { name: "Views" }).first().click();
  await page.getByRole("dialog", { name: "Saved views of this page" }).getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/people\\?${query}$`));
  await expect(page.getByLabel("Search people by name, email or user id")).toHaveValue("saved-view-probe");
});
