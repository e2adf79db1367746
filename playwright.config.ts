import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_ADMIN_TOKEN, E2E_BASE_URL, E2E_OUTBOX_DIR, E2E_PORT } from "./tests/e2e/env";

// `npx playwright install` cannot download here: drive the system Chromium (Debian's /usr/bin/chromium).
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  // One folder per port: a run wipes its output folder when it starts, so parallel runs on other
  // ports (E2E_PORT) must not share it.
  outputDir: `test-results/${E2E_PORT}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      testIgnore: /screenshots\.spec\.ts$/,
      // Never pass --user-data-dir: Playwright gives every context a fresh profile itself.
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath } },
    },
    // The doc generators (`npm run screenshots` writes docs/screenshots/): not part of `npm test`.
    {
      name: "screenshots",
      testMatch: /screenshots\.spec\.ts$/,
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath } },
    },
  ],
  // The production build (rebuilt only when sources changed) on the embedded in-memory database.
  webServer: {
    command: "npm run start:local",
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      HOST: "127.0.0.1",
      ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      MAIL_OUTBOX_DIR: E2E_OUTBOX_DIR, // invites go by mail: the specs read them here
      WARMUP: "0", // no warm-up race: the tests time nothing, and would see its drop in the house log
      NEXT_TELEMETRY_DISABLED: "1",
      // The SDK's Node 22 notice (docs/testing.md) once per server is noise in test output.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      // Overridable so a second run (another port, E2E_PORT) builds into its own folder in parallel.
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next",
      // Stop with the runner even when it is killed outright (scripts/local.ts, exitOnStdinEof).
      EXIT_ON_STDIN_EOF: "1",
    },
  },
});
