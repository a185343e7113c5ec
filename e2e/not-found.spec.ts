import { expect, test, type Page } from "@playwright/test";
import { ensureCompleteSync, logIn } from "./helpers";

/*
 * Addresses that name nothing: a bad id inside the dashboard shows the shell (navigation, search)
 * and says which shapes addresses take; an address no route matches does the same on its own page.
 * Both run their scripts: the 404 Next prerendered had none of the request's CSP nonce, so the
 * browser refused every script on it. An organization's own address opens its users.
 */

function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    // The 404 status of the page itself is the answer asked for; anything else is a fault.
    if (m.type() === "error" && !/status of 404/.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

for (const [what, path, shown] of [
  ["a user id that is not one", "/people/not-a-user-id", "/people/not-a-user-id"],
  // An unknown group id of the right shape is the group page's own "not found"; this one has a space.
  ["a group id that is not one", "/groups/not%20a%20group", "/groups/not"],
  ["an organization uuid that is not one", "/organizations/not-a-uuid/users", "/organizations/not-a-uuid/users"],
  ["a seed list id that is not one", "/seed-lists/new", "/seed-lists/new"],
  ["a saved reconciliation id that is not one", "/reconciliation/12345", "/reconciliation/12345"],
] as const) {
  test(`${what} shows the dashboard's not-found page, inside the shell`, async ({ page }) => {
    await logIn(page);
    const errors = watchConsole(page);
    const answer = await page.goto(path);
    expect(answer?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toContainText(`There is no page at ${shown}`);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByPlaceholder(/^Find a person/)).toBeVisible();
    expect(errors).toEqual([]);
  });
}

test("an address no route matches shows the not-found page with its scripts running", async ({ page }) => {
  await logIn(page);
  const errors = watchConsole(page);
  const answer = await page.goto("/no-such-page/at-all");
  expect(answer?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("There is no page at /no-such-page/at-all");
  // A client-side link works only once the page's scripts ran.
  await page.getByRole("link", { name: "People" }).click();
  await expect(page).toHaveURL(/\/people$/);
  expect(errors).toEqual([]);
});

test("an organization's own address opens its users, keeping the query string", async ({ page, baseURL }) => {
  await logIn(page);
  await ensureCompleteSync(page.request, baseURL!);
  const orgs = (await (await page.request.get("/api/compliance/organizations")).json()) as { data: { uuid: string }[] };
  const org = orgs.data[0]!.uuid;
  await page.goto(`/organizations/${org}?q=ann`);
  await expect(page).toHaveURL(new RegExp(`/organizations/${org}/users\\?q=ann$`));
});
