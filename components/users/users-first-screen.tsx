import { IdCell } from "@/components/data-table/cells";
import { FIRST_SCREEN_ROWS, FirstScreenNote, FirstScreenTable, type FirstScreenColumn } from "@/components/results/first-screen-table";
import { UtcDateCell } from "@/components/results/utc-date-cell";
import { userSchema, type User } from "@/lib/shared/compliance/schemas";
import type { UsersFirstScreen } from "@/lib/shared/directory/users-first-screen";
import { OrganizationRoleWords } from "./organization-role-words";
import { userNameCell } from "./users-cells";

/*
 * An organization's users page's first screen as the server renders it (see FirstScreenTable): the
 * first rows of the walk's first page, before any script has run. The table replaces it once
 * hydrated, starting its walk from the same page (UsersTable).
 */

// The interactive table's visible columns and widths (users-table-columns.tsx); the first is its selection box.
const COLUMNS: FirstScreenColumn[] = [["", 32], ["Name", 190], ["Email", 240], ["User id", 250], ["Organization role", 210], ["Joined", 140]];

const cellsOf = (u: User) => [null, userNameCell(u), u.email, <IdCell key="id" value={u.id} label="user id" />, <OrganizationRoleWords key="role" role={u.organization_role} />, <UtcDateCell key="joined" value={u.created_at} />];

export const usersTableLabel = (organizationName: string | undefined) => `Users of ${organizationName ?? "the organization"}`;

export function UsersFirstScreenView({ firstScreen }: { firstScreen: UsersFirstScreen }) {
  const users = firstScreen.page.data.slice(0, FIRST_SCREEN_ROWS).flatMap((r) => {
    const u = userSchema.safeParse(r);
    return u.success ? [u.data] : [];
  });
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2 p-4">
      <h2 className="sr-only">Users of {firstScreen.organizationName}</h2>
      <FirstScreenNote shown={users.length} total={firstScreen.total} noun={{ one: "user", other: "users" }} />
      <FirstScreenTable label={usersTableLabel(firstScreen.organizationName)} columns={COLUMNS} rows={users.map((u) => ({ key: u.id, cells: cellsOf(u) }))} rowCount={firstScreen.total} />
    </div>
  );
}
