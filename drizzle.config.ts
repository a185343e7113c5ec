import { defineConfig } from "drizzle-kit";

/*
 * `npx drizzle-kit generate` writes a new migration into lib/store/migrations from the schema
 * (lib/store/schema); the app applies them at start (lib/store/migrate.ts). Nothing here connects
 * to a database: generating needs none.
 */
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/store/schema/index.ts",
  out: "./lib/store/migrations",
});
