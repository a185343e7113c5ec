import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { allPages, logIn } from "./helpers";

/*
 * An eDiscovery seed list end to end: a pasted list with upper case, blank lines, repeats and
 * unknowns resolves entry by entry, is saved, and its three downloads hold exactly the people
 * matched. Expectations come from the directory as the app's own proxy lists it, walked here.
 */

interface User {
  id: string;
  email: string;
  full_name: string;
}

/** Every person of every organization: their user record and the organizations that list them. */
async function directoryPeople(request: APIRequestContext): Promise<Map<string, { user: User; orgs: Set<string> }>> {
  const people = new Map<string, { user: User; orgs: Set<string> }>();
  for (const org of await allPages<{ uuid: string }>(request, "/api/compliance/organizations")) {
    for (const u of await allPages<User>(request, `/api/compliance/organizations/${org.uuid}/users`)) {
      const p = people.get(u.id) ?? { user: u, orgs: new Set<string>() };
      p.orgs.add(org.uuid);
      people.set(u.id, p);
    }
  }
  return people;
}

test("a pasted list with upper case, blanks, duplicates and unknowns resolves entry by entry, and the downloads hold exactly the matched ids", async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, undefined, "/seed-lists");
  await expect(page.getByRole("heading", { level: 1, name: "Seed lists" })).toBeVisible();

  const people = await directoryPeople(page.request);
  const emailCount = new Map<string, number>();
  for (const { user } of people.values()) emailCount.set(user.email.toLowerCase(), (emailCount.get(user.email.toLowerCase()) ?? 0) + 1);
  // Three different people whose emails are theirs alone; one of them in several organizations if the tree has such a person.
  const candidates = [...people.values()].filter((p) => emailCount.get(p.user.email.toLowerCase()) === 1);
  const multi = candidates.find((p) => p.orgs.size > 1) ?? candidates[0]!;
  const others = candidates.filter((p) => p !== multi);
  const a = multi;
  const b = others[0]!;
  const c = others[1]!;
  const unknown = "nobody.at.all@unknown-domain.invalid";
  expect(people.has("user_doesNotExist000")).toBe(false);

  const pasted = [
    a.user.email.toUpperCase(), // matched, whatever the case
    "",
    `${b.user.email}, user_doesNotExist000`, // matched; an unknown id
    `   ${b.user.email.toUpperCase()}   `, // the same email again
    unknown, // an email nobody has
    "",
    c.user.id, // a user id
    a.user.email.toLowerCase(), // a repeat in other case
  ].join("\n");
  await page.getByLabel("Paste emails or user ids").fill(pasted);
  await page.getByRole("button", { name: "Resolve against the directory" }).click();

  // 9 entries: 3 matched, 2 unmatched, 2 duplicates, 2 blank lines.
  await expect(page.getByRole("tab", { name: "People matched (3)" })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole("tab", { name: "Unmatched (2)" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Duplicates (2)" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Blank, ignored (2)" })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await expect(page.getByText(/^9 entries: 3 matched \(3 people\), 2 unmatched, 2 duplicates, 2 blank \(ignored\)\.$/)).toBeVisible();

  const matched = page.getByRole("region", { name: "People matched" });
  await expect(matched.getByRole("row")).toHaveCount(4);
  for (const p of [a, b, c]) await expect(matched.getByRole("row").filter({ hasText: p.user.id })).toHaveCount(1);

  await page.getByRole("tab", { name: "Unmatched (2)" }).click();
  const unmatched = page.getByRole("region", { name: "Unmatched" });
  await expect(unmatched.getByRole("row")).toHaveCount(3);
  await expect(unmatched.getByText(unknown)).toBeVisible();
  await expect(unmatched.getByText("user_doesNotExist000")).toBeVisible();

  await page.getByRole("tab", { name: "Duplicates (2)" }).click();
  const duplicates = page.getByRole("region", { name: "Duplicates" });
  await expect(duplicates.getByText(/Repeats entry #3/)).toBeVisible();
  await expect(duplicates.getByText(/Repeats entry #1/)).toBeVisible();

  // Saved under a name, the list opens on its own page.
  const name = `E2E legal hold ${Date.now()}`;
  await page.getByLabel("List name").fill(name);
  await page.getByRole("button", { name: "Save list" }).click();
  await expect(page).toHaveURL(/\/seed-lists\/sl_[A-Za-z0-9_-]+$/, { timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("tab", { name: "People matched (3)" })).toBeVisible();

  const expectedIds = [a.user.id, b.user.id, c.user.id];

  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV", exact: true }).click();
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toMatch(/^seed-list-e2e-legal-hold-\d+-\d{4}-\d{2}-\d{2}\.csv$/);
  const records = parse(await readFile(await csvFile.path())) as string[][];
  expect(records[0]).toEqual(["user_id", "email", "full_name", "organization_uuids"]);
  expect(records.slice(1).map((r) => r[0])).toEqual(expectedIds);
  for (const [p, r] of [a, b, c].map((p, i) => [p, records[i + 1]!] as const)) {
    expect(r[1]).toBe(p.user.email);
    expect(new Set(r[3]!.split(";"))).toEqual(p.orgs);
  }

  const txtDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "User ids (text)" }).click();
  expect(await readFile(await (await txtDownload).path(), "utf8")).toBe(expectedIds.map((id) => `${id}\n`).join(""));

  const jsonDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "JSON for Activity Feed / chats" }).click();
  const json = JSON.parse(await readFile(await (await jsonDownload).path(), "utf8")) as Record<string, string[]>;
  expect(json.actor_ids).toEqual(expectedIds);
  expect(json.user_ids).toEqual(expectedIds);
  expect(new Set(json.organization_ids)).toEqual(new Set([a, b, c].flatMap((p) => [...p.orgs])));

  // The list is among the saved ones, and each download is in the audit log.
  await page.goto("/seed-lists");
  await expect(page.getByRole("link", { name })).toBeVisible();
  const audit = (await (await page.request.get("/api/audit?action=seed_list&limit=20")).json()) as { entries: { target: string; filters: { operation?: string; format?: string } }[] };
  const ours = audit.entries.filter((e) => e.target.includes(JSON.stringify(name)));
  expect(ours.map((e) => e.filters.operation === "download" ? e.filters.format : e.filters.operation).sort()).toEqual(["csv", "json", "save", "txt"]);
});
