import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/* Logged-out sessions, until the cookie would have expired anyway; expired rows are pruned. */
export const sessionRevocations = pgTable(
  "session_revocations",
  {
    sid: text("sid").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("session_revocations_expires").on(t.expiresAt)],
);
