import type { ReactNode } from "react";

/* The header of a hand-written table: one row of `th scope="col"`, one per name. */

interface TableHeadProps {
  headers: readonly string[];
  /** Classes of the thead and of its row, when they need any. */
  className?: string;
  rowClassName?: string;
  /** One class for every cell, or one per cell (e.g. right-aligned number columns). */
  cellClassName: string | ((index: number) => string);
  /** What a header cell holds, when it is more than its name (the name stays its key). */
  content?: (header: string, index: number) => ReactNode;
}

export function TableHead({ headers, className, rowClassName, cellClassName, content }: TableHeadProps) {
  return (
    <thead className={className}>
      <tr className={rowClassName}>
        {headers.map((h, i) => (
          <th key={h} scope="col" className={typeof cellClassName === "string" ? cellClassName : cellClassName(i)}>
            {content ? content(h, i) : h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
