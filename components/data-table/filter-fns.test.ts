import { describe, expect, it } from "vitest";
import {
  createTable,
  getCoreRowModel,
  getFacetedRowModel,
  getFacetedUniqueValues,
  getFilteredRowModel,
  type ColumnDef,
  type TableState,
} from "@tanstack/react-table";
import { parseTimestamp } from "@/lib/browser/format/dates";
import { emailDomain } from "@/lib/shared/format/email";
import { dateRangeFilter, globalSearchFilter, multiValueFilter, searchKeyFilter } from "./filter-fns";
import { SEARCH_COLUMN_ID, searchColumn } from "./column-spec";

type U = { id: string; email: string; role: string; created_at: string };

const users: U[] = [
  { id: "user_1", email: "ann@acme.io", role: "admin", created_at: "2024-01-10T12:00:00Z" },
  { id: "user_2", email: "bob@acme.io", role: "user", created_at: "2024-03-01T12:00:00Z" },
  { id: "user_3", email: "cy@other.org", role: "user", created_at: "2024-06-30T12:00:00" },
  { id: "user_4", email: "di@other.org", role: "owner", created_at: "2025-01-01T12:00:00Z" },
];

const columns: ColumnDef<U, unknown>[] = [
  { id: "id", accessorKey: "id", meta: { searchable: true } },
  { id: "email", accessorKey: "email", meta: { searchable: true } },
  { id: "role", accessorKey: "role", filterFn: multiValueFilter as never },
  { id: "domain", accessorFn: (u) => emailDomain(u.email), filterFn: multiValueFilter as never },
  { id: "created_at", accessorFn: (u) => parseTimestamp(u.created_at), filterFn: dateRangeFilter as never },
];

/** The real TanStack table core with the kit's filter functions, as the pages wire it. */
function view(state: Partial<TableState>) {
  const table = createTable<U>({
    data: users,
    columns,
    state: { columnFilters: [], globalFilter: "", ...state },
    onStateChange: () => {},
    renderFallbackValue: null,
    globalFilterFn: globalSearchFilter as never,
    getColumnCanGlobalFilter: (c) => c.columnDef.meta?.searchable === true,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getFacetedRowModel: getFacetedRowModel(),
    getFacetedUniqueValues: getFacetedUniqueValues(),
  });
  table.setOptions((prev) => ({ ...prev, state: { ...table.initialState, ...prev.state } }));
  return table;
}
const ids = (t: ReturnType<typeof view>) => t.getFilteredRowModel().rows.map((r) => r.original.id);

describe("the kit's filters on a real table", () => {
  it("a facet keeps the rows holding any selected value", () => {
    expect(ids(view({ columnFilters: [{ id: "role", value: ["admin", "owner"] }] }))).toEqual(["user_1", "user_4"]);
  });

  it("facet counts follow the other filters, not their own", () => {
    const t = view({ columnFilters: [{ id: "domain", value: ["acme.io"] }, { id: "role", value: ["admin"] }] });
    expect(Object.fromEntries(t.getColumn("role")!.getFacetedUniqueValues())).toEqual({ admin: 1, user: 1 });
    expect(Object.fromEntries(t.getColumn("domain")!.getFacetedUniqueValues())).toEqual({ "acme.io": 1 });
  });

  it("a date range includes both end days whole", () => {
    expect(ids(view({ columnFilters: [{ id: "created_at", value: { from: "2024-03-01", to: "2024-06-30" } }] }))).toEqual(["user_2", "user_3"]);
    expect(ids(view({ columnFilters: [{ id: "created_at", value: { from: "2024-07-01" } }] }))).toEqual(["user_4"]);
  });

  it("search finds a part of an email or id, ignoring case", () => {
    expect(ids(view({ globalFilter: "OTHER.org" }))).toEqual(["user_3", "user_4"]);
    expect(ids(view({ globalFilter: "user_2" }))).toEqual(["user_2"]);
  });

  it("a pasted list of ids and emails shows exactly those", () => {
    expect(ids(view({ globalFilter: "user_1\nDI@other.org\nnobody@x.io" }))).toEqual(["user_1", "user_4"]);
  });
});

describe("the kit's search column", () => {
  function searchView(globalFilter: string) {
    const cols = [...columns, searchColumn(columns)!];
    const table = createTable<U>({
      data: users,
      columns: cols,
      state: { columnFilters: [], globalFilter },
      onStateChange: () => {},
      renderFallbackValue: null,
      globalFilterFn: searchKeyFilter as never,
      getColumnCanGlobalFilter: (c) => c.id === SEARCH_COLUMN_ID,
      getCoreRowModel: getCoreRowModel(),
      getFilteredRowModel: getFilteredRowModel(),
    });
    table.setOptions((prev) => ({ ...prev, state: { ...table.initialState, ...prev.state } }));
    return table.getFilteredRowModel().rows.map((r) => r.original.id);
  }

  it("finds what the searchable columns hold, ignoring case, and nothing they do not", () => {
    expect(searchView("ACME")).toEqual(["user_1", "user_2"]);
    expect(searchView("admin")).toEqual([]);
  });

  it("matches a pasted list exactly", () => {
    expect(searchView("user_2, CY@other.org")).toEqual(["user_2", "user_3"]);
    expect(searchView("user_, x@y.io")).toEqual([]);
  });
});
