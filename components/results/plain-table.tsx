import type { ReactNode } from "react";

/*
 * A short table of a page's own (saved items, runs): a caption for screen readers, one header row,
 * the rows as given. Long lists use the data-table kit instead.
 */

export const plainTh = "border-b border-slate-200 bg-slate-50 px-2 py-1 text-left text-xs font-medium text-slate-600";
export const plainTd = "border-b border-slate-100 px-2 py-1 align-top text-xs";

export function PlainTable({ caption, headers, children }: { caption: string; headers: readonly string[]; children: ReactNode }) {
  return (
    <table className="w-full border-separate border-spacing-0">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {headers.map((h) => (
            <th key={h} scope="col" className={plainTh}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
