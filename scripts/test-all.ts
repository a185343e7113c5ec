/*
 * `npm test`: every suite, in order, then one line totalling them all:
 *   1. a production build (the integration and browser suites run against `next start`),
 *   2. Vitest: unit and integration tests (simulator over HTTP, Redis, the built app),
 *   3. Playwright: the browser suite in Chromium.
 * Before them, ESLint (`npm run lint`, with eslint-plugin-regexp's super-linear backtracking rules):
 * a lint failure counts as one failed test, like a failed build.
 * Missing system pieces (Chromium, redis-server, PostgreSQL) are installed from Debian when we are root.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "test-results");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(cmd: string, args: string[], extraEnv: Record<string, string> = {}): number {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...env, ...extraEnv } });
  return r.status ?? 1;
}

function ensureDebianPackage(binary: string, pkg: string): void {
  if (existsSync(binary)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) {
    console.error(`${binary} is missing; install it (Debian: sudo apt-get install -y ${pkg}) and run npm test again.`);
    return;
  }
  console.log(`Installing ${pkg} from Debian (${binary} is missing)…`);
  run("apt-get", ["update", "-qq"]);
  run("apt-get", ["install", "-y", "-qq", pkg], { DEBIAN_FRONTEND: "noninteractive" });
}

/** Debian puts each major version's binaries in /usr/lib/postgresql/<major>/bin. */
function postgresInitdb(): string {
  const root = "/usr/lib/postgresql";
  const found = existsSync(root) ? readdirSync(root).map((v) => path.join(root, v, "bin", "initdb")).find((f) => existsSync(f)) : undefined;
  return found ?? path.join(root, "15", "bin", "initdb");
}

function countVitest(file: string): { passed: number; failed: number } {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const r = JSON.parse(readFileSync(file, "utf8"));
  // A file that fails to load counts as a failure even though it holds no test results.
  const brokenFiles = (r.testResults ?? []).filter((f: { status: string; assertionResults: unknown[] }) => f.status === "failed" && f.assertionResults.length === 0).length;
  return { passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + brokenFiles };
}

function countPlaywright(file: string): { passed: number; failed: number } {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const s = JSON.parse(readFileSync(file, "utf8")).stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: (s.unexpected ?? 0) + (s.errors?.length ?? 0) };
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

ensureDebianPackage(process.env.CHROMIUM_PATH || "/usr/bin/chromium", "chromium");
ensureDebianPackage("/usr/bin/redis-server", "redis-server");
// The PostgreSQL suites (DATABASE_URL, several instances) start a throwaway cluster with these binaries.
ensureDebianPackage(postgresInitdb(), "postgresql");

let failedSteps = 0;
console.log("\n== eslint ==");
if (run(process.execPath, [path.join(ROOT, "node_modules/eslint/bin/eslint.js"), "."]) !== 0) {
  console.error("eslint failed: fix what it reports (npm run lint).");
  failedSteps++;
}

console.log("\n== import cycles (madge) ==");
if (run(process.execPath, [path.join(ROOT, "node_modules/madge/bin/cli.js"), "--circular", "app", "lib", "components", "scripts", "bench", "proxy.ts", "instrumentation.ts", "instrumentation-node.ts"]) !== 0) {
  console.error("an import cycle was found: break it (npm run check:cycles).");
  failedSteps++;
}

console.log("\n== next build ==");
if (run(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"]) !== 0) {
  console.error("next build failed: the integration and browser suites need it.");
  failedSteps++;
}

console.log("\n== vitest: unit and integration ==");
const vitestJson = path.join(OUT, "vitest.json");
run(path.join(ROOT, "node_modules/.bin/vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
const unit = countVitest(vitestJson);

console.log("\n== playwright: browser suite ==");
const pwJson = path.join(OUT, "playwright.json");
run(path.join(ROOT, "node_modules/.bin/playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
const browser = countPlaywright(pwJson);

const passed = unit.passed + browser.passed;
const failed = unit.failed + browser.failed + failedSteps;
console.log(`\nvitest: ${unit.passed} passed, ${unit.failed} failed; playwright: ${browser.passed} passed, ${browser.failed} failed`);
console.log(`Tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
