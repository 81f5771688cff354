import { expect, type Page } from "@playwright/test";
import { e2eServerEnv } from "../../playwright.config";

export const ADMIN_EMAIL = e2eServerEnv.ADMIN_EMAIL;
export const ADMIN_PASSWORD = e2eServerEnv.ADMIN_PASSWORD;

/** Signs the seeded admin in through /login and waits for the admin dashboard. */
export async function logInAsAdmin(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}
