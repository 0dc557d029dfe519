import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";

/**
 * End-to-end tests: tests/e2e/<module>/*.spec.ts against the production build.
 *
 * `bash scripts/test-e2e.sh` is the way in: it finds or installs Chromium (Playwright cannot
 * download browsers here) and passes it as CHROMIUM_PATH. The webServer below builds and
 * starts the app on a fresh, seeded temp database (scripts/e2e-server.sh). The "setup"
 * project signs in once per demo role and saves tests/e2e/.auth/<role>.json.
 *
 *   E2E_PORT=3211           port of the test server
 *   E2E_SKIP_BUILD=1        reuse the existing .next build
 *   E2E_REUSE_SERVER=1      use a server already listening on the port (never on CI)
 *   E2E_DATABASE_URL        a file: database under a temp or e2e folder (default: fresh temp file)
 */
const CI = !!process.env.CI;
// One id per run, inherited by the workers: the page checks scan each route with axe once per run (tests/e2e/support/test.ts).
process.env.E2E_RUN_ID ??= `${process.pid}-${Date.now()}`;
// Service workers' own fetches go through Playwright's network layer, so a spec can cut them off
// too: `context.setOffline` alone does not reach them (microsoft/playwright#2311), and the
// offline-page spec then saw the worker fetch the signed-in page from the network now and then.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS ??= "1";
const PORT = Number(process.env.E2E_PORT || 3211);
const BASE_URL = `http://127.0.0.1:${PORT}`;
/** The cron secret of the test server, known to the specs that call /api/cron (tests/e2e/cron). */
export const E2E_CRON_SECRET = process.env.E2E_CRON_SECRET || `e2e-cron-secret-${PORT}-not-for-production`;
/** The SMTP port the test server sends e-mail to; tests/e2e/portal/email.spec.ts listens on it while it runs. */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT || PORT + 1000);
/**
 * Where the test server sends SMS (Aliyun and Tencent endpoints): the SMS fake (tests/support/sms-fake.ts)
 * a spec starts on this port. A company sends SMS only once its admin chose a provider, so other specs never reach it.
 */
export const E2E_SMS_PORT = Number(process.env.E2E_SMS_PORT || PORT + 2000);
const chromiumPath =
  process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: 2,
  // Sized for a loaded machine (2 cores shared): a sign-in, two axe scans and a payment took 35 s with both cores busy.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"] },
      dependencies: ["setup"],
    },
  ],
  webServer: {
    command: "bash scripts/e2e-server.sh",
    url: `${BASE_URL}/api/health`,
    timeout: 15 * 60_000,
    reuseExistingServer: !CI && process.env.E2E_REUSE_SERVER === "1",
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      PORT: String(PORT),
      NEXTAUTH_URL: BASE_URL,
      // Never inherit the developer's database or secrets: empty values make the script use a
      // fresh temp database and random secrets.
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET ?? "",
      CRON_SECRET: E2E_CRON_SECRET,
      // Outbound e-mail goes to a local SMTP server that the e-mail spec starts (nobody listens otherwise: deliveries fail and retry).
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(E2E_SMTP_PORT),
      SMTP_FROM: "Guanjia E2E <no-reply@guanjia.test>",
      ALIYUN_SMS_ENDPOINT: `http://127.0.0.1:${E2E_SMS_PORT}`,
      TENCENT_SMS_ENDPOINT: `http://127.0.0.1:${E2E_SMS_PORT}`,
      // Seals the merchant credentials the payment specs enter (lib/crypto/secrets.ts); a test-only key.
      SECRETS_KEY: process.env.E2E_SECRETS_KEY ?? Buffer.alloc(32, `e2e-${PORT}`).toString("base64"),
    },
  },
});
