import { defineConfig, devices } from "@playwright/test";

// The suite never reads the real clock: the server and the specs share one fixed "today" (lib/time.ts).
process.env.PLANPATH_NOW ??= "2026-11-30T15:00:00Z";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

/**
 * E2E runs against a production build (`npm run build` first) served by the demo runner on a
 * fresh database: embedded PGlite in .data/e2e, or E2E_DATABASE_URL (a local PostgreSQL database; with
 * E2E_DATABASE_MIGRATION_URL the app runs as its own role and the owner migrates).
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.(spec|setup)\.ts/,
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "e2e/.reports/results.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"] },
      dependencies: ["setup"],
      testIgnore: [/auth\.setup\.ts/, /load\.spec\.ts/],
    },
    // The load test runs alone after the browser specs (its load would slow them down). On its own:
    // `npx playwright test --project=setup --project=load`.
    { name: "load", testMatch: /load\.spec\.ts/, dependencies: ["setup", "chromium"] },
  ],
  webServer: {
    command: "tsx db/demo.ts --reset --no-build",
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      PGLITE_DIR: ".data/e2e-pglite",
      AUTH_SECRET: "e2e-secret-not-for-production-0123456789",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      // The owner's connection for migrations and the reset (CI runs the app as a least-privilege role).
      DATABASE_MIGRATION_URL: process.env.E2E_DATABASE_MIGRATION_URL ?? "",
      PLANPATH_NOW: process.env.PLANPATH_NOW,
    },
  },
});
