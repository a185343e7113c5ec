"use client";

import type { Table } from "@tanstack/react-table";
import { ChevronDownIcon } from "./icons";
import { Popover } from "./popover";

/** Which columns are shown. The choice is part of the link, like the filters. */
export function DataTableViewOptions<TData>({ table }: { table: Table<TData> }) {
  const columns = table.getAllLeafColumns().filter((c) => c.getCanHide());
  const hidden = columns.filter((c) => !c.getIsVisible()).length;
  return (
    <Popover
      label="Columns shown"
      align="right"
      panelClassName="w-56"
      button={
        <>
          Columns{hidden > 0 && <span className="text-slate-500"> ({hidden} hidden)</span>}
          <ChevronDownIcon />
        </>
      }
    >
      <fieldset>
        <legend className="mb-1 px-1 font-medium text-slate-700">Columns shown</legend>
        <ul>
          {columns.map((c) => (
            <li key={c.id}>
              <label className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 hover:bg-slate-50">
                <input type="checkbox" className="h-3.5 w-3.5 accent-brand-600" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />
                <span>{c.columnDef.meta?.label ?? c.id}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <button type="button" onClick={() => table.toggleAllColumnsVisible(true)} className="mt-2 w-full rounded border border-slate-200 py-1 text-slate-700 hover:bg-slate-50">
        Show all columns
      </button>
    </Popover>
  );
}
