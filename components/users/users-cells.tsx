import { RowLink } from "@/components/data-table/row-link";
import { personHref } from "@/components/people/links";
import type { User } from "@/lib/shared/compliance/schemas";

/* Cells the users table and its first screen draw alike. No hooks: they render on the server too. */

/** The user's name, linking to their person page. */
export function userNameCell(u: User) {
  return (
    <RowLink href={personHref(u.id)} className="text-brand-700 hover:underline">
      {u.full_name || <span className="text-slate-500 italic">(no name)</span>}
    </RowLink>
  );
}
