/**
 * /demo/mail: in demo mode (npm run demo) no mail leaves the machine, and a
 * newcomer reads the mails the app sent there: register, open the
 * verification mail, follow its link. Anywhere else the page does not exist.
 */
import { rm } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { clearRateLimits } from "./support/db";
import { startExtraServer, type TExtraServer } from "./support/server";

const PORT = 3115;
const DEMO_MAIL_DIR = "./data/e2e-demo-mail";

test("outside demo mode /demo/mail is a 404", async ({ request }) => {
  expect((await request.get("/demo/mail")).status()).toBe(404);
});

test.describe("in demo mode", () => {
  let server: TExtraServer;

  test.beforeAll(async () => {
    await rm(DEMO_MAIL_DIR, { recursive: true, force: true });
    server = await startExtraServer({ port: PORT, env: { DEMO_MODE: "true", SMTP_URL: "", MAIL_DIR: DEMO_MAIL_DIR, REDIS_KEY_PREFIX: "zbe2e:demo:" } });
  });

  test.afterAll(async () => {
    await (server as TExtraServer | undefined)?.stop(); // unset when beforeAll failed
  });

  test("a new creator registers, reads the verification mail at /demo/mail and verifies", async ({ page }) => {
    await clearRateLimits();
    await page.goto(`${server.baseURL}/demo/mail`);
    await expect(page.getByRole("heading", { level: 1, name: "Demo mailbox" })).toBeVisible();
    await expect(page.getByText("No mail yet.")).toBeVisible();

    const email = `demo.${Date.now()}@example.test`;
    await page.goto(`${server.baseURL}/register`);
    await page.getByLabel("Full name").fill("Made Demo");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("frangipani at the morning market");
    await page.getByLabel("Confirm password").fill("frangipani at the morning market");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/login\?registered=1/);

    await expect(async () => {
      await page.goto(`${server.baseURL}/demo/mail`);
      await expect(page.getByRole("heading", { level: 2, name: "Verify your email for Zen Bali" })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    const mail = page.getByRole("article").filter({ hasText: `To ${email}` });
    await expect(mail).toHaveCount(1);
    await mail.getByRole("link", { name: /\/verify-email\?token=/ }).click();
    await expect(page.getByRole("heading", { name: "Your email is verified" })).toBeVisible();
  });
});
