import { expect, type Page } from "@playwright/test";
import { e2eServerEnv } from "../../playwright.config";
import { clearRateLimits } from "./db";

export const ADMIN_EMAIL = e2eServerEnv.ADMIN_EMAIL;
export const ADMIN_PASSWORD = e2eServerEnv.ADMIN_PASSWORD;

/**
 * Signs the seeded admin in through /login and waits for the admin dashboard.
 * The suite signs the admin in many times: the sign-in limits (5 per 15 minutes
 * per email + IP) are cleared first, or the sixth sign-in would be refused.
 */
export async function logInAsAdmin(page: Page): Promise<void> {
  await clearRateLimits();
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}
