import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import type { Organization } from "@/lib/shared/compliance/schemas";
import { guardFormula } from "@/lib/shared/csv/formula-guard";
import { directoryCsvStream, primeExport } from "./directory-csv";
import { directoryQuery, readAll, stubSource, setUpExportHarness, expectAuditedExport, drainUntilError, expectWholeCsvExport, organizationExport } from "@/lib/tools/testing/export-test-harness";
import { SETTINGS_EXPORT_COLUMNS, settingsExport, settingValueCell } from "./settings-export";
import { selectOrganizations } from "./users-export";

/*
 * settings.csv against the simulator over real HTTP: one row per organization and enforced
 * setting, values written so a spreadsheet reads them and an auditor can compare them.
 */

const h = setUpExportHarness({ seed: "settings-export", orgs: 5, users: 60, groups: 1 });

const never = () => new AbortController().signal;

function expectedRows(orgs: readonly Organization[]): string[][] {
  return orgs.flatMap((org) =>
    h.sim.directory.settingsOf(org.uuid)!.settings.map((s) => [org.uuid, org.name, s.name, s.type ?? "", settingValueCell(s.value)].map(guardFormula)),
  );
}

const exportSettings = (qs = "") => organizationExport(h, "settings", qs, settingsExport);

describe("settings.csv against the simulator", () => {
  it("holds every enforced setting of every organization and logs the export", async () => {
    const expected = expectedRows(h.sim.directory.organizations);
    const { body, rows } = await expectWholeCsvExport(await exportSettings(), SETTINGS_EXPORT_COLUMNS, expected);
    // Every kind is there, written as the export promises.
    const byName = new Map(rows.filter((r) => r[0] === h.sim.directory.organizations[0]!.uuid).map((r) => [r[2], r]));
    expect(byName.get("sso_enabled")![4]).toMatch(/^(true|false)$/);
    expect(byName.get("sso_enabled")![3]).toBe("boolean");
    expect(byName.get("data_retention_periods")![4]).toMatch(/^\{.*\}$/);
    expect(byName.get("account_session_duration_seconds")![4]).toMatch(/^\d*$/);

    await expectAuditedExport(h.audit, body, { target: "settings.csv", outcome: "completed", rows: expected.length });
  });

  it("exports only the organizations asked for", async () => {
    const [, b, c] = h.sim.directory.organizations;
    const body = await readAll(await exportSettings(`org=${b!.uuid}&org=${c!.uuid}`));
    expect((parse(body) as string[][]).slice(1)).toEqual(expectedRows([b!, c!]));
    expect((await h.log()).filter((e) => e.path.endsWith("/settings"))).toHaveLength(2);
  });

  it("an upstream that fails from the third organization on leaves an errored body and an aborted audit entry", async () => {
    await h.faults([{ path: "/settings$", skip: 2, kind: "status", status: 503 }]);
    const sent = await drainUntilError(await exportSettings());
    const rows = (parse(sent) as string[][]).slice(1);
    const expected = expectedRows(h.sim.directory.organizations.slice(0, 2));
    expect(rows).toEqual(expected);
    const [entry] = (await h.audit.list()).entries;
    expect(entry).toMatchObject({ target: "settings.csv", outcome: "aborted", rows: expected.length, bytes: sent.length });
    expect(entry!.sha256).toBe(createHash("sha256").update(sent).digest("hex"));
  });

  it("a key the upstream refuses fails before the body starts, so the officer gets an error, not a broken file", async () => {
    await h.faults([{ path: "/settings$", kind: "status", status: 403, errorType: "permission_error", message: "Missing required scopes." }]);
    const query = directoryQuery("settings");
    const organizations = await selectOrganizations(h.source, [], never());
    await expect(primeExport(settingsExport({ source: h.source, organizations, query }), never())).rejects.toMatchObject({ kind: "permission" });
    expect((await h.audit.list()).entries).toEqual([]);
  });
});

describe("settings.csv values", () => {
  it("writes booleans as true/false, null as empty, lists joined with ';', objects as compact JSON", () => {
    expect(settingValueCell(true)).toBe("true");
    expect(settingValueCell(false)).toBe("false");
    expect(settingValueCell(null)).toBe("");
    expect(settingValueCell(undefined)).toBe("");
    expect(settingValueCell(86400)).toBe("86400");
    expect(settingValueCell("scim_advanced")).toBe("scim_advanced");
    expect(settingValueCell(["10.0.0.0/8", "2001:db8::/32"])).toBe("10.0.0.0/8;2001:db8::/32");
    expect(settingValueCell([])).toBe("");
    expect(settingValueCell({ all: { type: "fixed", duration: 30, timescale: "day" } })).toBe('{"all":{"type":"fixed","duration":30,"timescale":"day"}}');
    expect(settingValueCell({})).toBe("{}");
  });

  it("gives an organization without settings one row, and guards formula cells", async () => {
    const orgs: Organization[] = [
      { uuid: "0b9a4f6e-2f43-4d5e-9d7b-1a2b3c4d5e6f", name: "Quiet", created_at: "2024-01-01T00:00:00Z" },
      { uuid: "1c8b5a7f-3e54-4e6f-8e8c-2b3c4d5e6f70", name: "Loud", created_at: "2024-01-02T00:00:00Z" },
    ];
    const source = stubSource({
      organizationSettings: async (uuid) => ({
        organization_id: uuid,
        settings: uuid === orgs[0]!.uuid ? [] : [{ name: "allowed_invite_domains", type: "string_list", value: ["-evil.example", "acme.com"] }],
      }),
    });
    const exp = settingsExport({ source, organizations: orgs, query: directoryQuery("settings") });
    const body = await readAll(directoryCsvStream(exp, { audit: h.audit, actor: "officer", bom: false }));
    expect(parse(body)).toEqual([
      [...SETTINGS_EXPORT_COLUMNS],
      [orgs[0]!.uuid, "Quiet", "", "", ""],
      [orgs[1]!.uuid, "Loud", "allowed_invite_domains", "string_list", "'-evil.example;acme.com"],
    ]);
  });
});
