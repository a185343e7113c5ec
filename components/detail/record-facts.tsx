import type { ReactNode } from "react";
import { DateCell, IdCell } from "@/components/data-table/cells";

/* The fact list under a group's or role's name: its description, what is particular to it, then its id and timestamps. */

interface RecordFactsProps {
  /** What the record is, as people read it: "group", "role". */
  noun: string;
  record: { id: string; description?: string | null; created_at?: string | null; updated_at?: string | null };
  /** The facts between the description and the id, as dt/dd pairs. */
  children: ReactNode;
}

export function RecordFacts({ noun, record, children }: RecordFactsProps) {
  return (
    <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-sm">
      <dt className="text-slate-500">Description</dt>
      <dd>{record.description || <span className="text-slate-500">none</span>}</dd>
      {children}
      <dt className="text-slate-500">{noun.charAt(0).toUpperCase() + noun.slice(1)} id</dt>
      <dd><IdCell value={record.id} label={`${noun} id`} /></dd>
      <dt className="text-slate-500">Created</dt>
      <dd><DateCell value={record.created_at} /></dd>
      <dt className="text-slate-500">Updated</dt>
      <dd><DateCell value={record.updated_at} /></dd>
    </dl>
  );
}
