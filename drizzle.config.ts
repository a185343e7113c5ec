import { defineConfig } from "drizzle-kit";

/*
 * `npx drizzle-kit generate` writes a new migration into lib/server/store/migrations from the schema
 * (lib/server/store/schema); the app applies them at start (lib/server/store/migrate.ts). Nothing here connects
 * to a database: generating needs none.
 */
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/server/store/schema/index.ts",
  out: "./lib/server/store/migrations",
});
