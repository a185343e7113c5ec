import { describe, expect, it } from "vitest";
import { USERS_COLUMNS } from "./columns";
import { USERS_EXPORT_COLUMNS } from "@/lib/server/export/users-export";
import { directoryExportFilters, directoryExportHref, parseDirectoryExportQuery, type DirectoryExportKind } from "./export-query";

const ORG_A = "0b9a4f6e-2f43-4d5e-9d7b-1a2b3c4d5e6f";
const ORG_B = "1c8b5a7f-3e54-4e6f-8e8c-2b3c4d5e6f70";
const p = (kind: DirectoryExportKind, s: string) => parseDirectoryExportQuery(new URLSearchParams(s), kind);

describe("roles, groups and settings export queries", () => {
  it("take repeated org uuids (roles, settings) or group ids (groups), and bom=1", () => {
    expect(p("roles", `org=${ORG_A}&org=${ORG_B.toUpperCase()}&org=${ORG_A}&bom=1`)).toEqual({ ok: true, query: { orgs: [ORG_A, ORG_B], groups: [], bom: true } });
    expect(p("settings", "")).toEqual({ ok: true, query: { orgs: [], groups: [], bom: false } });
    expect(p("groups", "group=rbac_group_01A&group=rbac_group_01B&group=rbac_group_01A&bom=0")).toEqual({
      ok: true,
      query: { orgs: [], groups: ["rbac_group_01A", "rbac_group_01B"], bom: false },
    });
  });

  it("refuse a bad id, an unknown or misplaced parameter, and a bad bom, naming what is wrong", () => {
    expect(p("roles", "org=not-a-uuid")).toMatchObject({ ok: false, message: expect.stringMatching(/not an organization uuid/) });
    expect(p("groups", "group=rbac group/../x")).toMatchObject({ ok: false, message: expect.stringMatching(/not a group id/) });
    expect(p("groups", `org=${ORG_A}`)).toMatchObject({ ok: false, message: expect.stringMatching(/parent organization/) });
    expect(p("roles", "group=rbac_group_01A").ok).toBe(false);
    for (const q of ["limit=5", "page=x", "format=xlsx", "q=a"]) expect(p("settings", q).ok).toBe(false);
    expect(p("roles", "bom=yes").ok).toBe(false);
    expect(p("roles", "bom=1&bom=1").ok).toBe(false);
  });

  it("record only what was set, and build links that parse back to the same query", () => {
    const query = { orgs: [ORG_A, ORG_B], groups: ["rbac_group_01A"], bom: true };
    expect(directoryExportFilters({ orgs: [], groups: [], bom: false })).toEqual({});
    const roles = directoryExportHref("roles", query);
    expect(roles).toBe(`/api/export/roles.csv?org=${ORG_A}&org=${ORG_B}&bom=1`);
    expect(p("roles", roles.split("?")[1]!)).toEqual({ ok: true, query: { ...query, groups: [] } });
    const groups = directoryExportHref("groups", query);
    expect(p("groups", groups.split("?")[1]!)).toEqual({ ok: true, query: { ...query, orgs: [] } });
    expect(directoryExportHref("settings")).toBe("/api/export/settings.csv");
  });
});

describe("the columns the Exports page announces", () => {
  it("are the users export's header exactly", () => {
    expect([...USERS_COLUMNS]).toEqual([...USERS_EXPORT_COLUMNS]);
  });
});
