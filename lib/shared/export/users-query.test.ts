import { describe, expect, it } from "vitest";
import { parseUsersExportQuery, userMatches, usersExportFilters, usersExportHref } from "./users-query";

const ORG_A = "0b9a4f6e-2f43-4d5e-9d7b-1a2b3c4d5e6f";
const ORG_B = "1c8b5a7f-3e54-4e6f-8e8c-2b3c4d5e6f70";
const p = (s: string, f: "csv" | "ndjson" = "csv") => parseUsersExportQuery(new URLSearchParams(s), f);

describe("users export query", () => {
  it("takes repeated org uuids, roles and domains, a search and bom=1", () => {
    expect(p(`org=${ORG_A}&org=${ORG_B.toUpperCase()}&org=${ORG_A}&role=admin&role=owner&domain=@Example.COM&q=Ada&bom=1`)).toEqual({
      ok: true,
      query: { orgs: [ORG_A, ORG_B], roles: ["admin", "owner"], domains: ["example.com"], q: "Ada", bom: true },
    });
    expect(p("")).toEqual({ ok: true, query: { orgs: [], roles: [], domains: [], q: undefined, bom: false } });
  });

  it("refuses a non-uuid org before anything is called", () => {
    const r = p("org=not-a-uuid");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/not an organization uuid/);
    expect(p(`org=${ORG_A}x`).ok).toBe(false);
  });

  it("refuses any other query parameter, and bom on NDJSON", () => {
    for (const q of ["limit=5", "page=x", "format=xlsx", "orgs=1"]) expect(p(q).ok).toBe(false);
    expect(p("bom=1", "ndjson").ok).toBe(false);
    expect(p("bom=yes").ok).toBe(false);
    expect(p("q=a&q=b").ok).toBe(false);
    expect(p("role=Not A Role").ok).toBe(false);
    expect(p("domain=a b").ok).toBe(false);
  });

  it("filters users like the People view: role, domain and a case-insensitive search over name, email and id", () => {
    const ada = { id: "user_01ADA", email: "Ada@Example.com", full_name: "Ada Lovelace", organization_role: "admin" };
    const q = (s: string) => {
      const r = p(s);
      if (!r.ok) throw new Error(r.message);
      return r.query;
    };
    expect(userMatches(ada, q(""))).toBe(true);
    expect(userMatches(ada, q("role=admin&role=owner"))).toBe(true);
    expect(userMatches(ada, q("role=user"))).toBe(false);
    expect(userMatches(ada, q("domain=example.com"))).toBe(true);
    expect(userMatches(ada, q("domain=other.com"))).toBe(false);
    expect(userMatches(ada, q("q=LOVE"))).toBe(true);
    expect(userMatches(ada, q("q=01ada"))).toBe(true);
    expect(userMatches(ada, q("q=ada@ex"))).toBe(true);
    expect(userMatches(ada, q("q=babbage"))).toBe(false);
  });

  it("records only the filters that were set, and builds links that parse back to the same query", () => {
    const query = { orgs: [ORG_A], roles: ["user"], domains: ["example.com"], q: "a b&c", bom: true };
    expect(usersExportFilters(query)).toEqual({ org: [ORG_A], role: ["user"], domain: ["example.com"], q: "a b&c", bom: true });
    const href = usersExportHref("csv", query);
    expect(href.startsWith("/api/export/users.csv?")).toBe(true);
    expect(p(href.split("?")[1]!)).toEqual({ ok: true, query });
    expect(usersExportHref("ndjson")).toBe("/api/export/users.ndjson");
  });
});
