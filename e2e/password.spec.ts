import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { e2eServerEnv } from "../playwright.config";
import { linkIn } from "./support/creator";
import { clearRateLimits } from "./support/db";

const mailDir = path.resolve(e2eServerEnv.MAIL_DIR);

async function mailFilesTo(address: string): Promise<string[]> {
  return (await readdir(mailDir).catch(() => [] as string[])).filter((file) => file.includes(address)).sort();
}

/** Waits for the mail after the `alreadyThere` first ones to `address` (reset mails are written after the response). */
async function nextMailTo(address: string, alreadyThere: number): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const files = await mailFilesTo(address);
    if (files.length > alreadyThere) return readFile(path.join(mailDir, files.at(-1)!), "utf8");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no new mail for ${address}`);
}

async function register(page: Page, email: string, password: string) {
  await page.goto("/register");
  await page.getByLabel("Full name").fill("Nyoman Reset");
  await page.getByLabel("Organisation (optional)").fill("Reset Sound Studio");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/login\?registered=1/);
}

async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

async function askForResetLink(page: Page, email: string) {
  await page.goto("/forgot-password");
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("If an account exists, we sent a link")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email); // what was typed stays
}

test.describe.serial("forgotten passwords, password change and profile", () => {
  const email = `nyoman.${Date.now()}@example.test`;
  const firstPassword = "offerings on the temple steps";
  const secondPassword = "kecak dancers at sunset";
  const thirdPassword = "snorkelling off amed beach";

  test.beforeEach(async () => {
    // Every test signs in several times from 127.0.0.1 (limit: 5 per 15 minutes per email and IP).
    await clearRateLimits();
  });

  test("forgot password: neutral answer, link from the mail, new password, every session ended", async ({ page }) => {
    await register(page, email, firstPassword);
    await logIn(page, email, firstPassword);
    await expect(page).toHaveURL(/\/dashboard$/);

    const mailsBefore = (await mailFilesTo(email)).length;
    await askForResetLink(page, email.toUpperCase());
    // An unknown address gets exactly the same answer.
    await askForResetLink(page, `nobody.${Date.now()}@example.test`);

    const resetLink = linkIn(await nextMailTo(email, mailsBefore), "/reset-password");
    await page.goto(resetLink);
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();

    // A refused password keeps the link usable.
    await page.getByLabel("New password", { exact: true }).fill("password123");
    await page.getByLabel("Confirm new password").fill("password123");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("This password is too common. Choose another one.")).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill(secondPassword);
    await page.getByLabel("Confirm new password").fill(`${secondPassword} typo`);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The passwords do not match.")).toBeVisible();

    await page.getByLabel("New password", { exact: true }).fill(secondPassword);
    await page.getByLabel("Confirm new password").fill(secondPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page).toHaveURL(/\/login\?reset=1$/);
    await expect(page.getByText("Your password was changed. Log in with the new one.")).toBeVisible();

    // The session from before the reset is gone.
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard/);

    // The link works once.
    await page.goto(resetLink);
    await expect(page.getByText("This link has expired or was already used.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");

    await logIn(page, email, firstPassword);
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
    await logIn(page, email, secondPassword);
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("an unknown or garbled reset link says so and offers a new one", async ({ page }) => {
    await page.goto("/reset-password?token=not-a-real-token");
    await expect(page.getByText("This link has expired or was already used.")).toBeVisible();
    await page.getByRole("link", { name: "Ask for a new link" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
  });

  test("change password from the profile: this session stays, other sessions end", async ({ page, browser }) => {
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await logIn(otherPage, email, secondPassword);
    await expect(otherPage).toHaveURL(/\/dashboard$/);

    await logIn(page, email, secondPassword);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Profile", exact: true }).click();
    await expect(page).toHaveURL(/\/dashboard\/profile$/);
    await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();

    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password", { exact: true }).fill(thirdPassword);
    await page.getByLabel("Confirm new password").fill(thirdPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Your current password is incorrect.")).toBeVisible();

    await page.getByLabel("Current password").fill(secondPassword);
    await page.getByLabel("New password", { exact: true }).fill(thirdPassword);
    await page.getByLabel("Confirm new password").fill(thirdPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Your password was changed.")).toBeVisible();

    // This browser is still signed in; the other one is not.
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/dashboard$/);
    await otherPage.goto("/dashboard");
    await expect(otherPage).toHaveURL(/\/login\?callbackUrl=%2Fdashboard/);
    await other.close();

    await clearRateLimits();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    await logIn(page, email, secondPassword);
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
    await logIn(page, email, thirdPassword);
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("profile: email read-only, field errors keep what was typed, changes are saved", async ({ page }) => {
    await logIn(page, email, thirdPassword);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/dashboard/profile");
    await expect(page.getByRole("heading", { name: "Profile", exact: true })).toBeVisible();
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);
    await expect(page.getByLabel("Email", { exact: true })).toBeDisabled();
    await expect(page.getByLabel("Full name")).toHaveValue("Nyoman Reset");
    await expect(page.getByLabel("Organisation (optional)")).toHaveValue("Reset Sound Studio");

    await page.getByLabel("Full name").fill("Nyoman Renamed");
    await page.getByLabel("Organisation (optional)").fill("");
    await page.getByLabel("Phone (optional)").fill("call me maybe");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Enter a phone number with 8 to 20 digits, spaces, +, ( ) or -.")).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue("Nyoman Renamed");
    await expect(page.getByLabel("Phone (optional)")).toHaveValue("call me maybe");

    await page.getByLabel("Phone (optional)").fill("+62 812 3456 7890");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Your profile was saved.")).toBeVisible();

    await page.reload();
    await expect(page.getByLabel("Full name")).toHaveValue("Nyoman Renamed");
    await expect(page.getByLabel("Organisation (optional)")).toHaveValue("");
    await expect(page.getByLabel("Phone (optional)")).toHaveValue("+62 812 3456 7890");
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "Welcome, Nyoman Renamed" })).toBeVisible();
  });
});
