"use client";

import type { Column } from "@tanstack/react-table";
import { useId, useState } from "react";

/** "Contains" on one column; applied on Enter or when the field is left, so each keystroke is not a history entry. */
export function DataTableTextFilter<TData, TValue>({ column }: { column: Column<TData, TValue> }) {
  const label = column.columnDef.meta?.label ?? column.id;
  const applied = (column.getFilterValue() as string | undefined) ?? "";
  const [text, setText] = useState(applied);
  const [seen, setSeen] = useState(applied);
  const id = useId();
  // The filter changed elsewhere (Back, Reset): the field follows.
  if (applied !== seen) {
    setSeen(applied);
    setText(applied);
  }
  const apply = () => {
    if (text !== applied) column.setFilterValue(text.trim() ? text : undefined);
  };
  return (
    <span className="inline-flex items-center">
      <label htmlFor={id} className="sr-only">
        {label} contains
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={`${label}…`}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === "Enter") apply();
        }}
        className="h-7 w-32 rounded border border-slate-300 px-2 text-xs"
      />
    </span>
  );
}
