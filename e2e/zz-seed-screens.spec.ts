import { expect, test } from "@playwright/test";
import { logIn } from "./helpers";

test("screens", async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, undefined, "/seed-lists");
  const orgs = (await (await page.request.get("/api/compliance/organizations?limit=10")).json()).data;
  const users = (await (await page.request.get(`/api/compliance/organizations/${orgs[0].uuid}/users?limit=20`)).json()).data;
  await page.screenshot({ path: "/tmp/seed-shot-0-empty.png", fullPage: true });
  const text = [users[0].email.toUpperCase(), "", users[1].email, users[1].email, "nobody@x.invalid", "hello", users[2].id].join("\n");
  await page.getByLabel("Paste emails or user ids").fill(text);
  const groups = (await (await page.request.get("/api/compliance/groups?limit=100")).json()).data;
  await page.getByLabel("Add the members of a group").selectOption(groups[0].id);
  await page.getByRole("button", { name: "Add members" }).click();
  await page.getByLabel("Upload a CSV file (HR export, legal hold notice)").setInputFiles({ name: "hr.csv", mimeType: "text/csv", buffer: Buffer.from(`Name,Dept,Work Email,Manager Email\nA,Legal,${users[3].email},${users[0].email}\nB,Legal,${users[4].email},\n`) });
  await page.screenshot({ path: "/tmp/seed-shot-1-input.png", fullPage: true });
  await page.getByRole("button", { name: "Resolve against the directory" }).click();
  await expect(page.getByRole("tab", { name: /People matched/ })).toBeVisible({ timeout: 120_000 });
  await page.screenshot({ path: "/tmp/seed-shot-2-resolved.png", fullPage: true });
  await page.getByRole("tab", { name: /Duplicates/ }).click();
  await page.screenshot({ path: "/tmp/seed-shot-3-dups.png", fullPage: true });
  await page.getByLabel("List name").fill("Matter 2026-014 custodians");
  await page.getByRole("button", { name: "Save list" }).click();
  await expect(page).toHaveURL(/sl_/, { timeout: 60_000 });
  await expect(page.getByRole("tab", { name: /People matched/ })).toBeVisible();
  await page.getByRole("button", { name: /Re-resolve/ }).click();
  await expect(page.getByRole("heading", { name: /compared with/ })).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: "/tmp/seed-shot-4-detail.png", fullPage: true });
  await page.goto("/seed-lists");
  await expect(page.getByRole("link", { name: "Matter 2026-014 custodians" }).first()).toBeVisible();
  await page.screenshot({ path: "/tmp/seed-shot-5-saved.png", fullPage: true });
  // bad file
  await page.getByLabel("Upload a CSV file (HR export, legal hold notice)").setInputFiles({ name: "latin1.csv", mimeType: "text/csv", buffer: Buffer.from([...Buffer.from("Email\nj"), 0xf6, ...Buffer.from("rg@x.com\n")]) });
  await expect(page.getByText(/not valid UTF-8/)).toBeVisible();
  await page.screenshot({ path: "/tmp/seed-shot-6-badfile.png" });

  const members = (await (await page.request.get(`/api/compliance/groups/${groups[1].id}/members?limit=100`)).json()).data;
  await page.goto(`/reconciliation?group=${groups[1].id}`);
  await page.getByLabel("Expected members").fill([...members.slice(1).map((m: { email: string }) => m.email), users[5].email, "ghost@x.invalid", ""].join("\n"));
  await page.getByRole("button", { name: "Reconcile" }).click();
  await expect(page.getByRole("tab", { name: /Unexpected access/ })).toBeVisible({ timeout: 120_000 });
  await page.getByRole("tab", { name: /Missing/ }).click();
  await page.screenshot({ path: "/tmp/seed-shot-7-recon.png", fullPage: true });

  await page.goto("/reconciliation?mode=bulk");
  await page.getByRole("radio", { name: "Paste" }).check();
  const rows = ["group_name_or_id,email", ...members.map((m: { email: string }) => `${groups[1].name},${m.email}`), `${groups[2].id},${users[6].email}`, `Nope Group,${users[7].email}`];
  await page.getByLabel("Review records").fill(rows.join("\n"));
  await page.getByRole("button", { name: "Reconcile all groups" }).click();
  await expect(page.getByRole("region", { name: "Groups reconciled" })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: `Show the lists of ${groups[2].name}` }).click();
  await page.screenshot({ path: "/tmp/seed-shot-8-bulk.png", fullPage: true });
});
