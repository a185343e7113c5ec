import { index, integer, pgTable, primaryKey, text, type AnyPgColumn, type PgColumnBuilderBase } from "drizzle-orm/pg-core";

/** What every piece of saved officer work records: its id, its name, who made it and when (ISO 8601). */
export const savedWorkColumns = () => ({
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: text("created_at").notNull(),
});

/** A kind of saved work its page lists newest first: the common columns, `columns`, and the index on created_at. */
export function savedWorkTable<C extends Record<string, PgColumnBuilderBase>>(name: string, columns: C) {
  return pgTable(name, { ...savedWorkColumns(), ...columns }, (t) => [index(`${name}_created`).on(t.createdAt)]);
}

/**
 * The numbered history kept under a piece of saved work (a reconciliation's runs, a seed list's
 * resolutions): each entry named by its owner and its number, and removed with its owner.
 */
export function savedWorkHistory<C extends Record<string, PgColumnBuilderBase>>(name: string, ownerColumn: string, owner: () => AnyPgColumn, columns: C) {
  return pgTable(
    name,
    {
      ownerId: text(ownerColumn)
        .notNull()
        .references(owner, { onDelete: "cascade" }),
      number: integer("number").notNull(),
      ...columns,
    },
    (t) => [primaryKey({ columns: [t.ownerId, t.number] })],
  );
}
