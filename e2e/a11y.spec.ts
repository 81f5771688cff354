/**
 * Accessibility basics of the public pages: every control has an accessible
 * name, every image a text alternative, and a keyboard user can reach the
 * search field and the events with a visible focus.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";

async function expectNamedControls(page: Page) {
  const controls = page.locator("input:not([type=hidden]), select, textarea, button");
  const count = await controls.count();
  expect(count).toBeGreaterThan(0);
  for (let index = 0; index < count; index++) {
    await expect(controls.nth(index), await controls.nth(index).evaluate((element) => element.outerHTML.slice(0, 120))).toHaveAccessibleName(/\S/);
  }
}

async function expectImagesHaveAlt(page: Page) {
  const withoutAlt = await page
    .locator("img")
    .evaluateAll((images) => images.filter((image) => !image.getAttribute("alt")?.trim()).map((image) => image.outerHTML));
  expect(withoutAlt).toEqual([]);
  const drawn = page.locator('[role="img"]');
  for (let index = 0; index < (await drawn.count()); index++) {
    await expect(drawn.nth(index)).toHaveAccessibleName(/\S/);
  }
  // The decorative emoji inside placeholders is hidden from assistive technology.
  expect(await page.locator('[role="img"] > :not([aria-hidden="true"])').count()).toBe(0);
}

/** Presses Tab until `target` has the focus (or gives up). */
async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<number> {
  for (let presses = 1; presses <= maxPresses; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return presses;
  }
  throw new Error(`Not reachable with ${maxPresses} presses of Tab`);
}

async function expectVisibleFocus(target: Locator) {
  await expect(target).toBeFocused();
  const focus = await target.evaluate((element) => {
    const style = getComputedStyle(element);
    return {
      focusVisible: element.matches(":focus-visible"),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      boxShadow: style.boxShadow,
    };
  });
  expect(focus.focusVisible).toBe(true);
  expect((focus.outlineStyle !== "none" && focus.outlineWidth > 0) || focus.boxShadow !== "none", JSON.stringify(focus)).toBe(true);
}

test.describe("accessibility basics", () => {
  test("every control on / has an accessible name and every image a text alternative", async ({ page }) => {
    await page.goto("/");
    await expectNamedControls(page);
    await expectImagesHaveAlt(page);
    const images = page.getByTestId("event-card").locator("img");
    expect(await images.count(), "the seed gives most events a cover image").toBeGreaterThan(0);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("search", { name: "Filter events" })).toBeVisible();
  });

  test("an event page's images have text alternatives and its links have names", async ({ page }) => {
    await page.goto("/");
    await page.getByTestId("event-card").first().getByRole("link").click();
    await expect(page).toHaveURL(/\/events\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 2, name: "About this event" })).toBeVisible();
    await expectImagesHaveAlt(page);
    const links = page.locator("a[href]");
    for (let index = 0; index < (await links.count()); index++) await expect(links.nth(index)).toHaveAccessibleName(/\S/);
  });

  test("a keyboard user can skip to the content, reach Search and the first event, with visible focus", async ({ page }) => {
    await page.goto("/");
    // The first Tab lands on "Skip to content".
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();

    const search = page.getByLabel("Search", { exact: true });
    await tabTo(page, search);
    await expectVisibleFocus(search);
    await page.keyboard.type("yoga");
    await expect(search).toHaveValue("yoga");
    await search.fill("");

    const firstEvent = page.getByTestId("event-card").first().getByRole("link");
    await tabTo(page, firstEvent);
    await expectVisibleFocus(firstEvent);
    await expect(firstEvent).toBeInViewport();
    const href = await firstEvent.getAttribute("href");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`${href}$`));
  });
});
