import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { allPages, logIn } from "./helpers";

/*
 * Reconciling a group against its system of record's file: with one member left out of the file
 * and one non-member put in, the page shows exactly that one as unexpected access and that one
 * as missing. Group and people come from the app's own proxy, read here.
 */

test("a group reconciled against a file with one missing and one unexpected member shows exactly those", async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, undefined, "/reconciliation");
  await expect(page.getByRole("heading", { level: 1, name: "Group reconciliation" })).toBeVisible();

  const groups = await allPages<{ id: string; name: string }>(page.request, "/api/compliance/groups");
  let group: { id: string; name: string } | undefined;
  let members: { user_id: string; email: string }[] = [];
  for (const g of groups) {
    members = await allPages<{ user_id: string; email: string }>(page.request, `/api/compliance/groups/${g.id}/members`);
    if (members.length >= 4) {
      group = g;
      break;
    }
  }
  expect(group, "a group with at least 4 members").toBeDefined();
  const orgs = await allPages<{ uuid: string }>(page.request, "/api/compliance/organizations");
  const users = await allPages<{ id: string; email: string }>(page.request, `/api/compliance/organizations/${orgs[0]!.uuid}/users`);
  const memberIds = new Set(members.map((m) => m.user_id));
  const memberEmails = new Set(members.map((m) => m.email.toLowerCase()));
  const outsider = users.find((u) => !memberIds.has(u.id) && !memberEmails.has(u.email.toLowerCase()))!;

  // The system of record's file: every member but the first (emails in upper case), plus the outsider.
  const [leftOut, ...kept] = members;
  const csv = ["Employee ID,Work Email,Department", ...kept.map((m, i) => `E${i},${m.email.toUpperCase()},Legal`), `E999,${outsider.email},Legal`].join("\r\n") + "\r\n";

  await page.goto(`/reconciliation?group=${encodeURIComponent(group!.id)}`);
  await expect(page.getByLabel("Group", { exact: true })).toHaveValue(group!.id);
  await page.getByRole("radio", { name: "Upload a CSV file" }).check();
  await page.getByLabel("CSV file of expected members").setInputFiles({ name: "system-of-record.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByLabel("Column with the emails or user ids")).toHaveValue("1"); // the email column, suggested
  await page.getByRole("button", { name: "Reconcile" }).click();

  await expect(page.getByRole("tab", { name: "Unexpected access (1)" })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole("tab", { name: "Missing (1)" })).toBeVisible();
  await expect(page.getByRole("tab", { name: `In both (${kept.length})` })).toBeVisible();

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await page.getByRole("tab", { name: "Unexpected access (1)" }).click();
  const unexpected = page.getByRole("region", { name: "Unexpected access" });
  await expect(unexpected.getByRole("row")).toHaveCount(2);
  await expect(unexpected.getByText(leftOut!.user_id, { exact: true })).toBeVisible();

  await page.getByRole("tab", { name: "Missing (1)" }).click();
  const missing = page.getByRole("region", { name: "Missing" });
  await expect(missing.getByRole("row")).toHaveCount(2);
  await expect(missing.getByText(outsider.id, { exact: true })).toBeVisible();

  // The list downloads as CSV with exactly that person.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download missing (CSV)" }).click();
  const text = await (await download).createReadStream().then(async (s) => {
    let out = "";
    for await (const chunk of s) out += chunk;
    return out;
  });
  expect(text.trim().split("\r\n")).toEqual(["status,email,user_id,full_name,expected_entry", expect.stringMatching(new RegExp(`^missing,[^,]+,${outsider.id},`))]);

  // The reconciliation is in the audit log.
  const audit = (await (await page.request.get("/api/audit?action=reconciliation&limit=5")).json()) as { entries: { target: string }[] };
  expect(audit.entries.some((e) => e.target.startsWith(`group:${group!.id} `))).toBe(true);
});
