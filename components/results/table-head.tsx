/* The header of a hand-written table: one row of `th scope="col"`, one per name. */

interface TableHeadProps {
  headers: readonly string[];
  /** Classes of the thead and of its row, when they need any. */
  className?: string;
  rowClassName?: string;
  /** One class for every cell, or one per cell (e.g. right-aligned number columns). */
  cellClassName: string | ((index: number) => string);
}

export function TableHead({ headers, className, rowClassName, cellClassName }: TableHeadProps) {
  return (
    <thead className={className}>
      <tr className={rowClassName}>
        {headers.map((h, i) => (
          <th key={h} scope="col" className={typeof cellClassName === "string" ? cellClassName : cellClassName(i)}>
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
