import { defineConfig } from "@playwright/test";
import { e2eEnvironment } from "./e2e/environment";

/*
 * The browser suite runs against the production build (`next start`) and the simulator, both
 * started here, in Debian's Chromium (no browser download is possible on our machines).
 */
const e2e = e2eEnvironment();

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME || "test-results/playwright.json" }]],
  outputDir: "test-results/playwright",
  use: {
    baseURL: e2e.appUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1280, height: 900 },
    timezoneId: "Europe/Berlin",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      command: `npx tsx lib/tools/simulator/cli.ts --port ${e2e.simPort} --seed e2e --orgs 6 --users 2500 --groups 24`,
      url: `${e2e.simUrl}/__simulator/log`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
    },
    {
      command: `node node_modules/next/dist/bin/next start -p ${e2e.appPort} -H 127.0.0.1`,
      url: `${e2e.appUrl}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: e2e.appEnv,
      stdout: "ignore",
    },
  ],
});
