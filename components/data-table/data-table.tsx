"use client";

import { flexRender, type ColumnFiltersState, type Header, type Row, type Table } from "@tanstack/react-table";
import { memo, useEffect, useEffectEvent, useRef, type ReactNode } from "react";
import { useOverscanAfterPaint, useRowWindow } from "./row-window";
import { serverRowsOf } from "./server-rows";

/*
 * The table itself: a real <table> (screen readers get rows, columns and headers), a sticky
 * header, and only the rows in view rendered, padded above and below, so 50,000 rows scroll and
 * filter like 50. aria-rowcount/aria-rowindex tell assistive tech the real size and position.
 */

export interface DataTableProps<TData> {
  table: Table<TData>;
  /** The table's accessible name, e.g. "Users of Acme". */
  label: string;
  /** Rows still arriving: the table says it is busy (aria-busy); with none yet, skeleton rows. */
  loading?: boolean;
  /** Shown when there are no rows at all (and not loading). */
  empty?: ReactNode;
  /** Shown when rows exist but none match. */
  noMatches?: ReactNode;
  /** Shown instead of rows (an error with nothing loaded). */
  blocked?: ReactNode;
  rowHeight?: number;
  className?: string;
}

const SKELETON_ROWS = 12;
/** Rows drawn beyond each edge of the view, from the frame after new rows first show (row-window.ts): enough for a wheel step. */
const OVERSCAN = 4;
/** The view's height in rows before it is measured. */
const INITIAL_ROWS = 20;

function HeaderCell<TData>({ header }: { header: Header<TData, unknown> }) {
  const { column } = header;
  const def = column.columnDef;
  const sorted = column.getIsSorted();
  const ariaSort = column.getCanSort() ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined;
  return (
    <th
      scope="col"
      aria-sort={ariaSort}
      className={`sticky top-0 z-10 h-8 border-b border-slate-200 bg-slate-50 px-2 text-xs font-medium whitespace-nowrap text-slate-600 ${def.meta?.align === "right" ? "text-right" : "text-left"}`}
    >
      {/* useDataTable gives every column without a header of its own the sortable, labelled one. */}
      {header.isPlaceholder ? null : flexRender(def.header, header.getContext())}
    </th>
  );
}

interface DataRowProps<TData> {
  /** 1-based position among all rows, the header being 1. */
  rowIndex: number;
  selected: boolean;
  height: number;
  /** The row's visible cells (TanStack keeps the array while the row and the visible columns are the same). */
  cells: ReturnType<Row<TData>["getVisibleCells"]>;
  /**
   * Not read here but by cells (People's access cell shows the paths a filter asks about): a change
   * draws the row again. Unset for rows on the server: they are the answer to their own filters,
   * and a new filter's rows are a new answer, drawn anew (the old rows stay as answered until then).
   */
  filters?: ColumnFiltersState;
}

/**
 * One data row. Memoised: a keystroke, an answer's counts or the URL catching up re-render the
 * page, and the rows whose row, cells, selection and filters are unchanged are not drawn again.
 */
function DataRowOf<TData>({ rowIndex, selected, height, cells }: DataRowProps<TData>) {
  return (
    <tr aria-rowindex={rowIndex} className={`hover:bg-slate-50 ${selected ? "bg-brand-50" : ""}`} style={{ height }}>
      {cells.map((cell) => {
        const meta = cell.column.columnDef.meta;
        return (
          // The cell truncates its own text (fixed table layout): no wrapper element, one node fewer per cell on every row drawn.
          <td key={cell.id} className={`overflow-hidden border-b border-slate-100 px-2 text-sm text-ellipsis whitespace-nowrap ${meta?.align === "right" ? "text-right" : ""}`}>
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </td>
        );
      })}
    </tr>
  );
}
const DataRow = memo(DataRowOf) as typeof DataRowOf;

export function DataTable<TData>({ table, label, loading = false, empty, noMatches, blocked, rowHeight = 32, className = "min-h-0 flex-1" }: DataTableProps<TData>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const leafColumns = table.getVisibleLeafColumns();
  // Rows on the server: `rows` is the window starting at `offset` of `count` matching rows.
  const server = serverRowsOf(table);
  const totalRows = server ? server.total : table.getCoreRowModel().rows.length;
  const count = server ? server.matched : rows.length;
  const offset = server?.offset ?? 0;

  // Rows are all `rowHeight` tall: the rows in view follow from the scroll position (row-window.ts).
  const overscan = useOverscanAfterPaint(rows, OVERSCAN);
  const { first, last, paddingTop, paddingBottom, scrolled } = useRowWindow(scrollRef, count, rowHeight, overscan, INITIAL_ROWS);
  const onRange = server?.onRange;
  useEffect(() => {
    if (last >= first) onRange?.(first, last);
  }, [onRange, first, last]);

  // A new filter or sort shows the top of the new result, not the middle of the old scroll position.
  // Only when scrolled: setting scrollTop lays the page out there and then, before the new rows'
  // frame, which doubled a keystroke's layout.
  const { globalFilter, columnFilters, sorting } = table.getState();
  const toTop = useEffectEvent(() => {
    if (scrollRef.current && scrolled) scrollRef.current.scrollTop = 0;
  });
  useEffect(() => toTop(), [globalFilter, columnFilters, sorting]);

  const colSpan = leafColumns.length || 1;
  let body: ReactNode;
  if (blocked) {
    body = (
      <tr>
        <td colSpan={colSpan} className="p-4">
          {blocked}
        </td>
      </tr>
    );
  } else if (loading && totalRows === 0) {
    body = Array.from({ length: SKELETON_ROWS }, (_, i) => (
      <tr key={i} aria-hidden="true" style={{ height: rowHeight }}>
        {leafColumns.map((c) => (
          <td key={c.id} className="border-b border-slate-100 px-2">
            <div className="h-3 animate-pulse rounded bg-slate-100" style={{ width: `${50 + ((i * 7 + c.id.length * 13) % 45)}%` }} />
          </td>
        ))}
      </tr>
    ));
  } else if (count === 0) {
    body = (
      <tr>
        <td colSpan={colSpan} className="px-3 py-8 text-center text-sm text-slate-500">
          {totalRows === 0 ? (empty ?? "Nothing here.") : (noMatches ?? "No rows match the current search and filters.")}
        </td>
      </tr>
    );
  } else {
    body = (
      <>
        {paddingTop > 0 && (
          <tr aria-hidden="true">
            <td colSpan={colSpan} style={{ height: paddingTop, padding: 0, border: 0 }} />
          </tr>
        )}
        {Array.from({ length: Math.max(0, last - first + 1) }, (_, k) => {
          const index = first + k;
          const row = rows[index - offset];
          // Rows on the server not here yet (scrolled past the window): a placeholder until they are.
          if (!row) {
            return (
              <tr key={`pending-${index}`} aria-hidden="true" style={{ height: rowHeight }}>
                {leafColumns.map((c) => (
                  <td key={c.id} className="border-b border-slate-100 px-2">
                    <div className="h-3 w-3/4 animate-pulse rounded bg-slate-100" />
                  </td>
                ))}
              </tr>
            );
          }
          return (
            <DataRow key={row.id} rowIndex={index + 2} selected={row.getIsSelected()} height={rowHeight} cells={row.getVisibleCells()} filters={server ? undefined : columnFilters} />
          );
        })}
        {paddingBottom > 0 && (
          <tr aria-hidden="true">
            <td colSpan={colSpan} style={{ height: paddingBottom, padding: 0, border: 0 }} />
          </tr>
        )}
      </>
    );
  }

  return (
    <div ref={scrollRef} className={`relative overflow-auto rounded border border-slate-200 bg-white ${className}`} tabIndex={0} role="region" aria-label={label}>
      <table
        className="w-full table-fixed border-separate border-spacing-0"
        style={{ minWidth: table.getTotalSize() }}
        aria-rowcount={count + 1}
        aria-busy={loading || undefined}
      >
        <caption className="sr-only">{label}</caption>
        <colgroup>
          {leafColumns.map((c) => (
            <col key={c.id} style={{ width: c.getSize() }} />
          ))}
        </colgroup>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => (
                <HeaderCell key={header.id} header={header as Header<TData, unknown>} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>{body}</tbody>
      </table>
    </div>
  );
}
