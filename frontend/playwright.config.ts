// Browser tests (e2e/) against a running frontend and API: site/frontend-e2e.sh starts both on
// PostgreSQL with the demo content and sets E2E_BASE_URL. They drive the system's Chromium
// (Debian's `chromium`): Playwright downloads no browser here.
import { defineConfig, devices } from "@playwright/test";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/playwright",
  // Two cores shared with the API and the frontend: one browser at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000",
    locale: "es-ES",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Root (CI, the machines here) cannot use Chromium's sandbox.
      args: ["--no-sandbox"],
    },
  },
});
