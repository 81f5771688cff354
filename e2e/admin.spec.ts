import { expect, test } from "@playwright/test";
import { e2eServerEnv } from "../playwright.config";

test.describe("admin access", () => {
  test("a visitor is sent to the login page", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin/);
  });

  test("the seeded admin signs in on /login and lands on the admin dashboard with its figures", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(e2eServerEnv.ADMIN_EMAIL);
    await page.getByLabel("Password").fill(e2eServerEnv.ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { level: 1, name: "Admin dashboard" })).toBeVisible();
    for (const label of ["Total events", "Published", "Upcoming", "Creators", "Active creators", "Completed payments", "Revenue (USD)", "Unique visitors today", "Page views today"]) {
      await expect(page.getByText(label, { exact: true })).toBeVisible();
    }
    // 72 seeded demo events, all upcoming and published (other specs may add more).
    const upcoming = Number(await page.getByText("Upcoming", { exact: true }).locator("xpath=following-sibling::dd").innerText());
    expect(upcoming).toBeGreaterThanOrEqual(72);
    await expect(page.getByRole("heading", { name: "Recent events" })).toBeVisible();
  });
});
