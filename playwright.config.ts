import { defineConfig, devices } from "@playwright/test";
import { E2E_DATABASE_URL, E2E_PORT, E2E_REDIS_PREFIX, E2E_SMTP_PORT, TEST_AUTH_SECRET, TEST_REDIS_URL } from "./tests/support/test-config";

const baseURL = `http://127.0.0.1:${E2E_PORT}`;

/** The environment of the production server under test (also used by specs that start a second one). */
export const e2eServerEnv = {
  NODE_ENV: "production",
  PORT: String(E2E_PORT),
  HOST: "127.0.0.1",
  APP_URL: baseURL,
  DATABASE_URL: E2E_DATABASE_URL,
  REDIS_URL: TEST_REDIS_URL,
  REDIS_KEY_PREFIX: E2E_REDIS_PREFIX,
  AUTH_SECRET: TEST_AUTH_SECRET,
  UPLOAD_DIR: "./data/e2e-uploads",
  MAIL_DIR: "./data/e2e-mail",
  PAYMENT_PROVIDER: "none",
  STRIPE_SECRET_KEY: "",
  STRIPE_WEBHOOK_SECRET: "",
  // Mail goes over real SMTP to the suite's own server, which files each message in MAIL_DIR.
  SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
  // The seed creates this first admin (e2e only; there is no default admin anywhere).
  ADMIN_EMAIL: "admin@zenbali.test",
  ADMIN_PASSWORD: "e2e admin password for tests only",
  NEXT_TELEMETRY_DISABLED: "1",
};

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium; Playwright's own browser download does not work offline.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // Against a production build (`npm run build` first; scripts/test.sh does it).
    // The worker (compiled, as in production) delivers queued mail into MAIL_DIR; it exits with the server.
    command: [
      "npx tsx scripts/test/prepare-e2e.ts && {",
      "node --import tsx scripts/test/smtp-sink.ts &",
      "node --conditions=react-server dist/worker.mjs --exit-with-parent &",
      "exec node server.mjs; }",
    ].join(" "),
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: e2eServerEnv,
    stdout: "pipe",
    stderr: "pipe",
  },
});
