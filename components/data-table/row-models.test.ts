import { describe, expect, it, vi } from "vitest";
import {
  createTable,
  getCoreRowModel,
  getFacetedRowModel,
  getFacetedUniqueValues,
  getFilteredRowModel,
  getSortedRowModel,
  type ColumnDef,
  type ColumnFiltersState,
  type SortingState,
  type Table,
  type TableOptionsResolved,
} from "@tanstack/react-table";
import { SEARCH_COLUMN_ID, searchColumn, withKitDefaults } from "./column-spec";
import { searchKeyFilter } from "./filter-fns";
import { kitFacetedRowModel, kitFilteredRowModel, kitSortedRowModel, warmSearchKeys } from "./row-models";

/*
 * The kit's row models against TanStack's own, on the same table state: every search step
 * (typing, deleting, changing the middle), filter and sort must give the same rows in the same
 * order, and the same facet counts.
 */

type U = { id: string; name: string; email: string; role: string; joined: number | undefined };

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const rand = random(12);
const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const NAMES = ["Ann", "Bob", "Cy", "Di", "Ed", "Fay", "anna", "BOBBY", ""];
const users: U[] = Array.from({ length: 400 }, (_, i) => {
  const name = `${pick(NAMES)} ${pick(NAMES)}`.trim();
  return {
    id: `user_${String(i).padStart(3, "0")}`,
    name,
    email: `${name.replace(/\s/g, ".").toLowerCase() || "x"}${i % 7}@${pick(["acme.io", "other.org", "ann.net"])}`,
    role: pick(["admin", "user", "owner"]),
    joined: rand() < 0.1 ? undefined : Math.floor(rand() * 20),
  };
});

const columns = withKitDefaults<U>([
  { id: "name", accessorKey: "name", sortingFn: "text", meta: { searchable: true } },
  { id: "email", accessorKey: "email", sortingFn: "text", meta: { searchable: true } },
  { id: "id", accessorKey: "id", meta: { searchable: true } },
  { id: "role", accessorKey: "role", meta: { variant: "multiSelect" } },
  { id: "joined", accessorFn: (u) => u.joined, sortUndefined: "last", meta: { variant: "dateRange" } },
] as ColumnDef<U, unknown>[]);
const allColumns = [...columns, searchColumn(columns)!];

interface State {
  globalFilter: string;
  columnFilters: ColumnFiltersState;
  sorting: SortingState;
}

/** One table kept across steps (the kit's models remember the previous keystroke), with either set of models. */
function tableWith(kit: boolean) {
  let state: State = { globalFilter: "", columnFilters: [], sorting: [] };
  const table: Table<U> = createTable<U>({
    data: users,
    columns: allColumns,
    getRowId: (u) => u.id,
    state,
    onStateChange: () => {},
    renderFallbackValue: null,
    globalFilterFn: searchKeyFilter as never,
    getColumnCanGlobalFilter: (c) => c.id === SEARCH_COLUMN_ID,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: kit ? kitFilteredRowModel() : getFilteredRowModel(),
    getSortedRowModel: kit ? kitSortedRowModel() : getSortedRowModel(),
    getFacetedRowModel: kit ? kitFacetedRowModel() : getFacetedRowModel(),
    getFacetedUniqueValues: getFacetedUniqueValues(),
  } as TableOptionsResolved<U>);
  const set = (next: Partial<State>) => {
    state = { ...state, ...next };
    table.setOptions((prev) => ({ ...prev, state: { ...table.initialState, ...state } }));
  };
  set({});
  return { table, set };
}

const shown = (t: Table<U>) => t.getRowModel().rows.map((r) => r.original.id);
const facets = (t: Table<U>, id: string) => Object.fromEntries([...t.getColumn(id)!.getFacetedUniqueValues()].sort());

describe("the kit's row models", () => {
  const ROLE_FILTER: ColumnFiltersState = [{ id: "role", value: ["admin", "owner"] }];
  const JOINED_FILTER: ColumnFiltersState = [{ id: "joined", value: { from: "1970-01-01" } }];
  const searches = ["a", "an", "ann", "anna", "ann", "an", "", "o", "ob", "bob", "bo", "b", "@", "@a", "@ac", "@acme", "@acne", "acme", "user_0", "user_01", "user_1", "ANN", " ann ", "user_001, user_002, ann@x.io"];
  const views: Array<Partial<State>> = [
    {},
    { columnFilters: ROLE_FILTER },
    { sorting: [{ id: "name", desc: false }] },
    { sorting: [{ id: "joined", desc: true }, { id: "email", desc: false }], columnFilters: ROLE_FILTER },
    { columnFilters: [...ROLE_FILTER, ...JOINED_FILTER], sorting: [{ id: "role", desc: false }] },
  ];

  it.each(views.map((v, i) => [i, v] as const))("view %i: every search step shows TanStack's rows, in its order, with its facet counts", (_, view) => {
    const kit = tableWith(true);
    const ref = tableWith(false);
    for (const t of [kit, ref]) t.set(view);
    for (const globalFilter of searches) {
      for (const t of [kit, ref]) t.set({ globalFilter });
      expect(shown(kit.table), globalFilter).toEqual(shown(ref.table));
      expect(kit.table.getFilteredRowModel().rows.length).toBe(ref.table.getFilteredRowModel().rows.length);
      expect(facets(kit.table, "role"), globalFilter).toEqual(facets(ref.table, "role"));
    }
  });

  it("a filter changed between two keystrokes does not narrow from rows it no longer covers", () => {
    const kit = tableWith(true);
    const ref = tableWith(false);
    const steps: Array<Partial<State>> = [
      { globalFilter: "a", columnFilters: ROLE_FILTER },
      { globalFilter: "an", columnFilters: [] },
      { globalFilter: "ann", columnFilters: [{ id: "role", value: ["user"] }] },
      { globalFilter: "ann", sorting: [{ id: "email", desc: true }] },
      { globalFilter: "anna", sorting: [{ id: "email", desc: false }] },
    ];
    for (const step of steps) {
      for (const t of [kit, ref]) t.set(step);
      expect(shown(kit.table), JSON.stringify(step)).toEqual(shown(ref.table));
    }
  });

  it("finds the by-id index of the matching rows when asked", () => {
    const kit = tableWith(true);
    kit.set({ globalFilter: "user_00" });
    const byId = kit.table.getFilteredRowModel().rowsById;
    expect(Object.keys(byId).sort()).toEqual(users.filter((u) => u.id.startsWith("user_00")).map((u) => u.id));
  });

  it("builds the search keys while idle, a slice at a time, so the first keystroke reads no row's values", () => {
    vi.useFakeTimers();
    try {
      const kit = tableWith(true);
      const rows = kit.table.getCoreRowModel().rows;
      const read = vi.spyOn(rows[rows.length - 1]!, "getValue");
      warmSearchKeys(kit.table);
      expect(read).not.toHaveBeenCalled();
      vi.runAllTimers();
      expect(read).toHaveBeenCalledWith(SEARCH_COLUMN_ID);
      read.mockClear();
      kit.set({ globalFilter: "ann" });
      expect(shown(kit.table).length).toBeGreaterThan(0);
      expect(read).not.toHaveBeenCalledWith(SEARCH_COLUMN_ID);
    } finally {
      vi.useRealTimers();
    }
  });
});
