/**
 * The first screen on a phone (390 × 844): events come first. Quick links under
 * the heading, and the filter form behind a "Filters" disclosure that opens by
 * itself when a filter is set; on a wider screen the form is simply there.
 */
import { expect, test } from "@playwright/test";
import { clearPublicCaches, closeDb, deleteInsertedData, insertEvent, uniqueWord } from "./support/db";

const PHONE = { width: 390, height: 844 };

test.beforeAll(async () => {
  // Something on today's agenda, whenever the test runs.
  await insertEvent({ title: `Evening Sound Bath ${uniqueWord()}`, startsAt: new Date(Date.now() + 3_600_000) });
  await clearPublicCaches();
});

test.afterAll(async () => {
  await deleteInsertedData();
  await closeDb();
});

test.describe("on a phone", () => {
  test.use({ viewport: PHONE });

  test("/ shows an event card on the first screen, quick links, and the filters folded", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("event-card").first()).toBeInViewport();
    const quick = page.getByRole("navigation", { name: "Quick links" });
    await expect(quick.getByRole("link")).toHaveCount(6);
    await expect(quick.getByRole("link", { name: "Tonight" })).toHaveAttribute("href", "/?when=tonight");
    await expect(quick.getByRole("link", { name: "This weekend" })).toHaveAttribute("href", "/?when=weekend");
    await expect(quick.getByRole("link", { name: "This week", exact: true })).toHaveAttribute("href", "/calendar");
    for (const href of await quick.getByRole("link").evaluateAll((links) => links.slice(3).map((link) => link.getAttribute("href")))) {
      expect(href).toMatch(/^\/\?location=[a-z0-9-]+$/);
    }

    const location = page.getByLabel("Location", { exact: true });
    await expect(location).toBeHidden();
    await page.getByText("Filters", { exact: true }).click();
    await expect(location).toBeVisible();
  });

  test("with a filter set, the form is open by itself", async ({ page }) => {
    await page.goto("/?location=ubud");
    await expect(page.getByLabel("Location", { exact: true })).toBeVisible();
    await expect(page.getByLabel("Location", { exact: true })).toHaveValue("ubud");
  });

  test("/calendar shows an event of the week on the first screen", async ({ page }) => {
    await page.goto("/calendar");
    await expect(page.getByTestId("agenda-event").first()).toBeInViewport();
    await expect(page.getByLabel("Location", { exact: true })).toBeHidden();
  });
});

test("on a wide screen the filter form is shown without a click", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/");
  await expect(page.getByLabel("Location", { exact: true })).toBeVisible();
  await expect(page.getByText("Filters", { exact: true })).toBeHidden();
  await page.goto("/calendar");
  await expect(page.getByLabel("Location", { exact: true })).toBeVisible();
});
