/*
 * `npm run bench -- [--quick] [flags]`: runs bench/main.ts under Node's "react-server" condition,
 * so the product's server-only modules (the walkers, the directory builder) load outside Next,
 * exactly as the app runs them. See bench/README.md for the flags and what is measured.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", path.join(__dirname, "main.ts"), ...process.argv.slice(2)],
  { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } },
);
process.exit(result.status ?? 1);
