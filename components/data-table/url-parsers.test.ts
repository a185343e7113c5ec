import { createLoader, createSerializer } from "nuqs/server";
import { describe, expect, it } from "vitest";
import { searchParser, tableUrlKeys, tableViewParsers, type TableUrlSpec } from "./url-parsers";

const spec: TableUrlSpec = {
  filters: [
    { columnId: "organization_role", key: "role", kind: "multi" },
    { columnId: "domain", key: "domain", kind: "multi" },
    { columnId: "created_at", key: "created", kind: "dateRange" },
    { columnId: "note", key: "note", kind: "text" },
  ],
  sortable: ["full_name", "email", "created_at"],
  hideable: ["id", "domain", "created_at"],
};

/* The page reads a link the way nuqs does in the browser: the same parsers, through nuqs' loader. */
function read(qs: string, s: TableUrlSpec = spec): Record<string, unknown> {
  const view = createLoader(tableViewParsers(s))(new URLSearchParams(qs));
  const search = createLoader({ q: searchParser })(new URLSearchParams(qs)).q;
  return { search, ...view };
}

describe("a table view in the link", () => {
  it("reads search, filters, sort and hidden columns", () => {
    expect(read("q=ann&role=admin&role=owner&created=2024-01-01..2024-06-30&sort=-created_at,email&hide=domain")).toEqual({
      search: "ann",
      role: ["admin", "owner"],
      domain: null,
      created: { from: "2024-01-01", to: "2024-06-30" },
      note: null,
      sort: [
        { id: "created_at", desc: true },
        { id: "email", desc: false },
      ],
      hide: ["domain"],
    });
  });

  it("opens an empty link as the default view", () => {
    expect(read("")).toEqual({ search: null, role: null, domain: null, created: null, note: null, sort: null, hide: null });
  });

  it("ignores keys and values the table does not know", () => {
    expect(read("utm=x&sort=password,-email&hide=secret,id&created=yesterday..&role=")).toMatchObject({
      sort: [{ id: "email", desc: true }],
      hide: ["id"],
      created: null,
      role: null,
    });
    expect(read("sort=password").sort).toBeNull();
  });

  it("keeps an open-ended date range and refuses days that do not exist", () => {
    expect(read("created=2024-01-01..").created).toEqual({ from: "2024-01-01" });
    expect(read("created=..2024-12-31").created).toEqual({ to: "2024-12-31" });
    expect(read("created=2024-02-30..2024-03-01").created).toBeNull();
    expect(read("created=..").created).toBeNull();
    expect(read("created=2024-01-01..2024-02-01..2024-03-01").created).toBeNull();
  });

  it("keeps facet values that contain commas whole, trimmed and without repeats", () => {
    expect(read("domain=a%2Cb&domain=%20c%20&domain=c").domain).toEqual(["a,b", "c"]);
  });

  it("sorts on at most three columns, each once", () => {
    expect(read("sort=email,-email,full_name,created_at").sort).toEqual([
      { id: "email", desc: false },
      { id: "full_name", desc: false },
      { id: "created_at", desc: false },
    ]);
  });

  it("distinguishes 'no columns hidden' from 'the default columns'", () => {
    expect(read("hide=").hide).toEqual([]);
    expect(read("").hide).toBeNull();
  });

  it("round-trips: what is written reads back the same", () => {
    const parsers = { ...tableViewParsers(spec), q: searchParser };
    const serialize = createSerializer(parsers) as (values: Record<string, unknown>) => string;
    const written = serialize({
      q: "user_01 , ann@example.com",
      role: ["admin", "primary_owner"],
      created: { to: "2025-01-31" },
      note: "x&y",
      sort: [{ id: "full_name", desc: false }],
      hide: [],
    });
    expect(read(written.replace(/^\?/, ""))).toEqual({
      search: "user_01 , ann@example.com",
      role: ["admin", "primary_owner"],
      domain: null,
      created: { to: "2025-01-31" },
      note: "x&y",
      sort: [{ id: "full_name", desc: false }],
      hide: [],
    });
    expect(written).toContain("role=admin&role=primary_owner");
    expect(written).toContain("created=..2025-01-31");
  });

  it("keeps two tables on one page apart by namespace", () => {
    const members: TableUrlSpec = { ...spec, namespace: "m." };
    const qs = "q=roles-table&m.q=members-table&m.role=owner";
    expect(tableUrlKeys(members).search).toBe("m.q");
    expect(createLoader({ [tableUrlKeys(members).search]: searchParser })(new URLSearchParams(qs))["m.q"]).toBe("members-table");
    expect(createLoader(tableViewParsers(members))(new URLSearchParams(qs))["m.role"]).toEqual(["owner"]);
    expect(read(qs).role).toBeNull();
  });

  it("keeps a pasted list too long for a link out of it", () => {
    expect(read(`q=${"user_x%20".repeat(2000)}`).search).toBeNull();
  });
});
