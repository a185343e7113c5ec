import { describe, expect, it } from "vitest";
import { parseTableUrlState, writeTableUrlState, type TableUrlSpec, type TableUrlState } from "./table-url-state";

const spec: TableUrlSpec = {
  filters: [
    { columnId: "organization_role", key: "role", kind: "multi" },
    { columnId: "domain", key: "domain", kind: "multi" },
    { columnId: "created_at", key: "created", kind: "dateRange" },
  ],
  sortable: ["full_name", "email", "created_at"],
  hideable: ["id", "domain", "created_at"],
};

const parse = (qs: string, s: TableUrlSpec = spec) => parseTableUrlState(new URLSearchParams(qs), s);

describe("a table view in the link", () => {
  it("reads search, filters, sort and hidden columns", () => {
    expect(parse("q=ann&role=admin&role=owner&created=2024-01-01..2024-06-30&sort=-created_at,email&hide=domain")).toEqual({
      search: "ann",
      filters: [
        { id: "organization_role", value: ["admin", "owner"] },
        { id: "created_at", value: { from: "2024-01-01", to: "2024-06-30" } },
      ],
      sorting: [
        { id: "created_at", desc: true },
        { id: "email", desc: false },
      ],
      hidden: ["domain"],
    });
  });

  it("opens an empty link as the default view", () => {
    expect(parse("")).toEqual({ search: "", filters: [], sorting: [], hidden: null });
  });

  it("ignores keys and values the table does not know", () => {
    const state = parse("utm=x&sort=password,-email&hide=secret,id&created=yesterday..&role=");
    expect(state).toEqual({ search: "", filters: [], sorting: [{ id: "email", desc: true }], hidden: ["id"] });
  });

  it("keeps an open-ended date range and refuses days that do not exist", () => {
    expect(parse("created=2024-01-01..").filters).toEqual([{ id: "created_at", value: { from: "2024-01-01" } }]);
    expect(parse("created=..2024-12-31").filters).toEqual([{ id: "created_at", value: { to: "2024-12-31" } }]);
    expect(parse("created=2024-02-30..2024-03-01").filters).toEqual([]);
    expect(parse("created=..").filters).toEqual([]);
  });

  it("keeps filter values that contain commas whole", () => {
    expect(parse("domain=a%2Cb").filters).toEqual([{ id: "domain", value: ["a,b"] }]);
  });

  it("distinguishes 'no columns hidden' from 'the default columns'", () => {
    expect(parse("hide=").hidden).toEqual([]);
    expect(parse("").hidden).toBeNull();
  });

  it("round-trips: what is written reads back the same", () => {
    const state: TableUrlState = {
      search: "user_01 , ann@example.com",
      filters: [
        { id: "organization_role", value: ["admin", "primary_owner"] },
        { id: "created_at", value: { to: "2025-01-31" } },
      ],
      sorting: [{ id: "full_name", desc: false }],
      hidden: [],
    };
    expect(parse(writeTableUrlState(state, spec, new URLSearchParams()).toString())).toEqual(state);
  });

  it("leaves keys it does not own alone, and clears its own when they are emptied", () => {
    const base = new URLSearchParams("tab=members&q=old&role=admin");
    const out = writeTableUrlState({ search: "", filters: [], sorting: [], hidden: null }, spec, base);
    expect(out.toString()).toBe("tab=members");
  });

  it("keeps two tables on one page apart by namespace", () => {
    const members: TableUrlSpec = { ...spec, namespace: "m." };
    const params = new URLSearchParams("q=roles-table&m.q=members-table&m.role=owner");
    expect(parse(params.toString()).search).toBe("roles-table");
    expect(parse(params.toString(), members)).toMatchObject({ search: "members-table", filters: [{ id: "organization_role", value: ["owner"] }] });
    const written = writeTableUrlState({ search: "", filters: [], sorting: [], hidden: null }, members, params);
    expect(written.toString()).toBe("q=roles-table");
  });

  it("keeps a pasted list too long for a link out of it", () => {
    const long = "user_x ".repeat(2000);
    expect(writeTableUrlState({ search: long, filters: [], sorting: [], hidden: null }, spec, new URLSearchParams()).has("q")).toBe(false);
  });
});
