import { expect, test } from "@playwright/test";
import { ensureCompleteSync, logIn } from "./helpers";

/*
 * "Paste a list" on People: the officer's pasted ids and emails are looked up as they are typed,
 * what is not an id or email is named, and "Show just these" leaves exactly those people.
 * The people come from the upstream's records through the app's proxy.
 */

type Org = { uuid: string };
type User = { id: string; email: string };

test("a pasted list of an id and an email shows just those people, naming what it left out", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const orgs = (await (await page.request.get("/api/compliance/organizations")).json()).data as Org[];
  const users = (await (await page.request.get(`/api/compliance/organizations/${orgs[0]!.uuid}/users?limit=2`)).json()).data as User[];
  const [a, b] = users;
  expect(b).toBeDefined();

  await page.goto("/people");
  await page.getByRole("button", { name: "Paste a list" }).click();
  await page.getByLabel("User ids or emails, one per line (or separated by commas or spaces)").fill(`${a!.id}\n${b!.email}\nnot-an-entry`);
  const preview = page.locator("[aria-live=polite]").filter({ hasText: "entries found" });
  await expect(preview).toContainText("2 of 3 entries found", { timeout: 30_000 });
  await expect(preview).toContainText("Not an id or email, left out: not-an-entry");

  await page.getByRole("button", { name: "Show just these" }).click();
  const table = page.getByRole("region", { name: "People across all organizations" });
  await expect(table.locator("tbody tr")).toHaveCount(2, { timeout: 30_000 });
  await expect(table.locator(`a[href="/people/${a!.id}"]`).first()).toBeVisible();
  await expect(table.locator(`a[href="/people/${b!.id}"]`).first()).toBeVisible();
});
