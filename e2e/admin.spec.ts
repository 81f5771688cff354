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
    for (const label of [
      "Total events",
      "Published",
      "Upcoming",
      "Creators",
      "Active creators",
      "Completed payments",
      "Revenue (USD)",
      "Unique visitors today",
      "Page views today",
    ]) {
      await expect(page.locator("dl").getByText(label, { exact: true })).toBeVisible();
    }
    // 72 seeded demo events, all upcoming and published (other specs may add more).
    const upcoming = Number(await page.locator("dl").getByText("Upcoming", { exact: true }).locator("xpath=following-sibling::dd").innerText());
    expect(upcoming).toBeGreaterThanOrEqual(72);
    await expect(page.getByRole("heading", { name: "Recent events" })).toBeVisible();
  });
});

test.describe("admin events", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(e2eServerEnv.ADMIN_EMAIL);
    await page.getByLabel("Password").fill(e2eServerEnv.ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/admin$/);
  });

  test("an admin unpublishes an event with a reason, it leaves the public listing at once, and republishing brings it back", async ({ page, browser }) => {
    const title = "Gong Meditation Journey";
    await page.goto(`/admin/events?q=${encodeURIComponent("gong meditation")}&status=PUBLISHED`);
    const row = page.getByRole("row").filter({ hasText: title }).first();
    await expect(row).toBeVisible();
    await row.getByText("Unpublish", { exact: false }).first().click(); // opens the reason form
    await row.getByLabel("Reason").fill("Wrong venue in the listing");
    await row.getByRole("button", { name: /^Unpublish/ }).click();
    await expect(page.getByText("Done: unpublish.")).toBeVisible();

    const visitor = await browser.newContext();
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(`/?q=${encodeURIComponent("gong meditation")}`);
    await expect(visitorPage.getByRole("link", { name: title })).toHaveCount(0);

    await page.goto(`/admin/events?q=${encodeURIComponent("gong meditation")}&status=UNPUBLISHED`);
    const unpublished = page.getByRole("row").filter({ hasText: title }).first();
    await expect(unpublished.getByText("Reason: Wrong venue in the listing")).toBeVisible();
    await unpublished.getByRole("button", { name: /^Publish/ }).click();
    await expect(page.getByText("Done: publish.")).toBeVisible();

    await visitorPage.goto(`/?q=${encodeURIComponent("gong meditation")}`);
    await expect(visitorPage.getByRole("link", { name: title }).first()).toBeVisible();
    await visitor.close();
  });
});

test.describe("admin creators", () => {
  test("deactivating a creator ends their open browser session on its next request", async ({ browser, page }) => {
    const email = `deactivate.${Date.now()}@example.test`;
    const password = "ricefield sunrise walk";
    const creatorContext = await browser.newContext();
    const creatorPage = await creatorContext.newPage();
    await creatorPage.goto("/register");
    await creatorPage.getByLabel("Full name").fill("Soon Deactivated");
    await creatorPage.getByLabel("Email").fill(email);
    await creatorPage.getByLabel("Password", { exact: true }).fill(password);
    await creatorPage.getByLabel("Confirm password").fill(password);
    await creatorPage.getByRole("button", { name: "Create account" }).click();
    await expect(creatorPage).toHaveURL(/\/login\?registered=1/);
    await creatorPage.getByLabel("Email").fill(email);
    await creatorPage.getByLabel("Password").fill(password);
    await creatorPage.getByRole("button", { name: "Log in" }).click();
    await expect(creatorPage).toHaveURL(/\/dashboard$/);
    // Creators are not told the admin area exists.
    expect((await creatorPage.goto("/admin/creators"))?.status()).toBe(404);

    await page.goto("/login");
    await page.getByLabel("Email").fill(e2eServerEnv.ADMIN_EMAIL);
    await page.getByLabel("Password").fill(e2eServerEnv.ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await page.goto(`/admin/creators?q=${encodeURIComponent(email)}`);
    const row = page.getByRole("row").filter({ hasText: email });
    await row.getByRole("button", { name: /^Deactivate/ }).click();
    await expect(page.getByText("Done: deactivate.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: email }).getByText("Deactivated", { exact: true })).toBeVisible();

    await creatorPage.goto("/dashboard");
    await expect(creatorPage).toHaveURL(/\/login/);
    await creatorPage.getByLabel("Email").fill(email);
    await creatorPage.getByLabel("Password").fill(password);
    await creatorPage.getByRole("button", { name: "Log in" }).click();
    await expect(creatorPage.getByText("This account has been deactivated.", { exact: false })).toBeVisible();
    await creatorContext.close();
  });
});
