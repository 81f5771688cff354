import { expect, test } from "@playwright/test";

test("home page lists the seeded events under its heading", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Discover events in Bali" })).toBeVisible();
  await expect(page.getByTestId("event-card")).toHaveCount(24);
  await expect(page.getByText(/^Visitors: \d+/)).toBeVisible();
});
