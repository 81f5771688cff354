import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { e2eServerEnv } from "../playwright.config";
import { latestMailTo, linkIn } from "./support/creator";
import { clearRateLimits } from "./support/db";

const mailDir = path.resolve(e2eServerEnv.MAIL_DIR);

async function register(page: Page, email: string, password: string) {
  await page.goto("/register");
  await page.getByLabel("Full name").fill("Made Test");
  await page.getByLabel("Organisation (optional)").fill("Test Sound Studio");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

test.describe.serial("creator accounts", () => {
  const email = `made.${Date.now()}@example.test`;
  const password = "gamelan under the banyan tree";

  test.beforeAll(async () => {
    await rm(mailDir, { recursive: true, force: true });
  });

  test("registration refuses weak input with a message on each field and keeps what was typed", async ({ page }) => {
    await page.goto("/register");
    await page.getByLabel("Full name").fill("Made Test");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password", { exact: true }).fill("password123");
    await page.getByLabel("Confirm password").fill("something else");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("This password is too common. Choose another one.")).toBeVisible();
    await expect(page.getByText("The passwords do not match.")).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue("Made Test");
    await expect(page).toHaveURL(/\/register$/);
  });

  test("a new creator registers, verifies the email, logs in, and signs out for good", async ({ page, context }) => {
    await register(page, email, password);
    await expect(page).toHaveURL(/\/login\?registered=1/);
    await expect(page.getByText(/We sent you an email with a link to verify/)).toBeVisible();

    await page.getByLabel("Email").fill(email.toUpperCase()); // emails are case-insensitive
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: "Welcome, Made Test" })).toBeVisible();
    await expect(page.getByText("Verify your email to publish events.")).toBeVisible();
    for (const tile of ["Total events", "Published", "Awaiting payment", "Total paid in USD"])
      await expect(page.getByText(tile, { exact: true })).toBeVisible();

    const verifyLink = linkIn(await latestMailTo(email.toLowerCase()), "/verify-email");
    await page.goto(verifyLink);
    await expect(page.getByRole("heading", { name: "Your email is verified" })).toBeVisible();
    await page.goto(verifyLink); // single use
    await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
    await page.goto("/dashboard");
    await expect(page.getByText("Verify your email to publish events.")).toHaveCount(0);

    const cookies = await context.cookies();
    const sessionCookie = cookies.find((cookie) => cookie.name.includes("session-token"));
    expect(sessionCookie?.httpOnly).toBe(true);
    expect(sessionCookie?.sameSite).toBe("Lax");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);

    // The old cookie is dead: its session was deleted from Redis.
    await context.addCookies([sessionCookie!]);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard/);
  });

  test("a wrong password and an unknown email get the same answer", async ({ page }) => {
    for (const attempt of [
      { email, password: "wrong password here" },
      { email: `nobody.${Date.now()}@example.test`, password },
    ]) {
      await page.goto("/login");
      await page.getByLabel("Email").fill(attempt.email);
      await page.getByLabel("Password").fill(attempt.password);
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
    }
  });

  test("registering an address that has an account: the same answer as a new one, no second account, and the owner is mailed instead", async ({
    page,
    baseURL,
  }) => {
    await clearRateLimits();
    const mailsBefore = (await readdir(mailDir).catch(() => [] as string[])).filter((file) => file.includes(email.toLowerCase())).length;
    await register(page, email.toUpperCase(), "another long passphrase here");
    await expect(page).toHaveURL(/\/login\?registered=1$/);
    await expect(page.getByText("Your account is ready. We sent you an email with a link to verify your address.")).toBeVisible();
    await expect(page.getByText(/already exists/)).toHaveCount(0);
    const mailCount = async () => (await readdir(mailDir).catch(() => [] as string[])).filter((file) => file.includes(email.toLowerCase())).length;
    await expect.poll(mailCount, { timeout: 10_000 }).toBe(mailsBefore + 1);
    const mail = await latestMailTo(email.toLowerCase());
    expect(mail).toMatch(/Someone tried to create a Zen Bali account/);
    expect(mail).toContain(`${baseURL}/forgot-password`);
    expect(mail).toContain(`${baseURL}/login`);
    // The account and its password are unchanged.
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("after signing in, a callbackUrl pointing at another site lands on our own origin", async ({ page, baseURL }) => {
    await clearRateLimits(); // a few sign-ins of one account in a row
    for (const callbackUrl of ["/%09/example.org", "//example.org", "/%5C%5Cexample.org"]) {
      await page.context().clearCookies();
      await page.goto(`/login?callbackUrl=${callbackUrl}`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page, callbackUrl).toHaveURL(/\/dashboard$/);
      expect(new URL(page.url()).origin, callbackUrl).toBe(new URL(baseURL!).origin);
    }
  });

  test("next-auth's own callback endpoint only redirects to our own origin", async ({ request, baseURL }) => {
    await clearRateLimits();
    for (const callbackUrl of ["/\t/example.org", "/\\example.org", "https://example.org/x"]) {
      const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await request.post("/api/auth/callback/credentials", {
        form: { csrfToken, email, password, callbackUrl },
        maxRedirects: 0,
      });
      expect(response.status(), callbackUrl).toBeGreaterThanOrEqual(300);
      expect(response.status(), callbackUrl).toBeLessThan(400);
      const location = new URL(response.headers()["location"] ?? "", baseURL);
      expect(location.origin, callbackUrl).toBe(new URL(baseURL!).origin);
    }
  });

  test("/dashboard sends visitors to the login page and back after signing in", async ({ page }) => {
    await page.goto("/dashboard?show=all");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/dashboard\?show=all$/);
  });
});
