/**
 * Cover images, end to end: a creator posts an event with a cover image
 * (previewed at once) and publishes it; visitors get the WebP renditions on
 * the card and the event page; a text file named .png is refused with a
 * clear message and nothing typed is lost; replacing the image in the edit
 * form shows the current one and removes the old files.
 *
 * Fixtures are drawn with sharp into a temporary folder: no binary files in
 * the repository.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { latestMailTo, linkIn, logIn, register } from "./support/creator";
import { baliDate, clearRateLimits, closeDb, DAY, query, uniqueWord } from "./support/db";

async function registerVerifyAndLogIn(page: Page, creator: { name: string; email: string; password: string }) {
  await register(page, creator);
  await page.goto(linkIn(await latestMailTo(creator.email), "/verify-email"));
  await expect(page.getByRole("heading", { name: "Your email is verified" })).toBeVisible();
  await logIn(page, creator);
}

async function anonymousPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

function eventForm(page: Page) {
  const field = (label: string) => page.getByLabel(label, { exact: true });
  return {
    title: field("Title"),
    description: field("Description"),
    startDate: field("Start date"),
    startTime: field("Start time"),
    location: field("Location"),
    venueName: field("Venue name"),
    eventType: field("Event type"),
    entranceType: field("Entrance type"),
    ledBy: field("Led by (optional)"),
    bookingUrl: field("Booking link (optional)"),
    coverImage: field("Cover image"),
  };
}

async function fillRequiredFields(page: Page, values: { title: string; startDate: string; description?: string; ledBy?: string }) {
  const form = eventForm(page);
  await form.title.fill(values.title);
  if (values.description) await form.description.fill(values.description);
  await form.startDate.fill(values.startDate);
  await form.startTime.selectOption("18:00");
  await form.location.selectOption({ label: "Ubud" });
  await form.venueName.fill("Yoga Barn");
  await form.eventType.selectOption({ label: "Sound Healing" });
  await form.entranceType.selectOption({ label: "Free" });
  if (values.ledBy) await form.ledBy.fill(values.ledBy);
}

/** The image is really loaded by the browser, and its URL answers 200 with a WebP. */
async function expectWebpImage(page: Page, image: Locator): Promise<string> {
  await image.scrollIntoViewIfNeeded();
  await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  const src = (await image.getAttribute("src")) ?? "";
  expect(src).toMatch(/^\/uploads\/covers\/[0-9a-f]{2}\/[0-9a-f]{64}-(card|large)\.webp$/);
  const response = await page.request.get(src);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/webp");
  expect(response.headers()["cache-control"]).toContain("immutable");
  return src;
}

test.describe.serial("cover images", () => {
  const word = uniqueWord("cover");
  const title = `Gong Sunset ${word}`;
  const startDate = baliDate(new Date(Date.now() + 12 * DAY));
  const creator = { name: "Wayan Picture", email: `pictures.${Date.now()}@example.test`, password: "offerings on the temple steps" };
  let fixtures = "";
  let eventSlug = "";
  let eventId = "";
  let firstCardSrc = "";

  test.beforeAll(async () => {
    await clearRateLimits();
    fixtures = await mkdtemp(path.join(tmpdir(), "zb-e2e-images-"));
    // A landscape photo with EXIF, a square PNG, and a text file that claims to be a PNG.
    await sharp({ create: { width: 1800, height: 1200, channels: 3, background: "#e07a3c" } })
      .jpeg({ quality: 85 })
      .withExif({ IFD0: { Make: "ZenCam", Model: "E2E" } })
      .toFile(path.join(fixtures, "sunset.jpg"));
    await sharp({ create: { width: 900, height: 900, channels: 3, background: "#2a7f62" } })
      .png()
      .toFile(path.join(fixtures, "jungle.png"));
    await writeFile(path.join(fixtures, "notes.png"), "Bring a mat and water. This is not a picture.\n");
  });

  test.afterAll(async () => {
    await rm(fixtures, { recursive: true, force: true });
    await closeDb();
  });

  test("a creator posts an event with a cover image, previewed at once, and publishes it", async ({ page }) => {
    await registerVerifyAndLogIn(page, creator);
    await page.goto("/dashboard/events/new");
    await fillRequiredFields(page, { title, startDate });
    const form = eventForm(page);
    await expect(form.coverImage).toHaveAttribute("accept", "image/jpeg,image/png,image/webp");
    await form.coverImage.setInputFiles(path.join(fixtures, "sunset.jpg"));
    const preview = page.getByRole("img", { name: "Preview of the chosen cover image" });
    await expect(preview).toBeVisible();
    await expect(preview).toHaveAttribute("src", /^blob:/);

    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page).toHaveURL(/\/dashboard\?notice=published$/);

    const [row] = await query<{ id: string; slug: string; status: string; card_key: string; width: number; height: number }>(
      "SELECT e.id, e.slug, e.status, i.card_key, i.width, i.height FROM events e JOIN images i ON i.event_id = e.id WHERE e.title = $1",
      [title],
    );
    expect(row).toMatchObject({ status: "PUBLISHED", width: 1280, height: 853 });
    eventSlug = row!.slug;
    eventId = row!.id;
  });

  test("visitors see the cover on the card and on the event page, as WebP", async ({ browser, baseURL }) => {
    const page = await anonymousPage(browser, baseURL);
    await page.goto(`/?q=${word}`);
    const card = page.getByTestId("event-card").filter({ hasText: title });
    await expect(card).toHaveCount(1);
    firstCardSrc = await expectWebpImage(page, card.getByRole("img", { name: title, exact: true }));
    expect(firstCardSrc).toMatch(/-card\.webp$/);

    await page.goto(`/events/${eventSlug}`);
    const largeSrc = await expectWebpImage(page, page.getByRole("img", { name: title, exact: true }).first());
    expect(largeSrc).toMatch(/-large\.webp$/);
    const large = await page.request.get(largeSrc);
    const metadata = await sharp(await large.body()).metadata();
    expect([metadata.format, metadata.width, metadata.height, metadata.exif]).toEqual(["webp", 1280, 853, undefined]);
    await page.context().close();
  });

  test("a text file named .png is refused with a clear message; everything typed is kept and nothing is saved", async ({ page }) => {
    await logIn(page, creator);
    await page.goto("/dashboard/events/new");
    const refusedTitle = `Not A Picture ${word}`;
    await fillRequiredFields(page, { title: refusedTitle, startDate, description: "Sound bath at dusk.\nBring a blanket.", ledBy: "Made Bowl" });
    const form = eventForm(page);
    await form.coverImage.setInputFiles(path.join(fixtures, "notes.png"));
    await page.getByRole("button", { name: "Save draft" }).click();

    await expect(page.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." })).toContainText(
      "Cover image: Upload a JPEG, PNG or WebP image.",
    );
    await expect(form.coverImage).toHaveAttribute("aria-invalid", "true");
    await expect(form.coverImage).toHaveAccessibleDescription(/Upload a JPEG, PNG or WebP image\./);
    await expect(page).toHaveURL(/\/dashboard\/events\/new$/);
    await expect(form.title).toHaveValue(refusedTitle);
    await expect(form.description).toHaveValue("Sound bath at dusk.\nBring a blanket.");
    await expect(form.startDate).toHaveValue(startDate);
    await expect(form.startTime).toHaveValue("18:00");
    await expect(form.location).toHaveValue("ubud");
    await expect(form.venueName).toHaveValue("Yoga Barn");
    await expect(form.eventType).toHaveValue("sound-healing");
    await expect(form.entranceType).toHaveValue("free");
    await expect(form.ledBy).toHaveValue("Made Bowl");
    expect(await query("SELECT id FROM events WHERE title = $1", [refusedTitle])).toHaveLength(0);
  });

  test("a chosen image survives a refusal for another field", async ({ page }) => {
    await logIn(page, creator);
    await page.goto("/dashboard/events/new");
    const draftTitle = `Kept Picture ${word}`;
    await fillRequiredFields(page, { title: draftTitle, startDate });
    const form = eventForm(page);
    await form.bookingUrl.fill("javascript:alert(1)");
    await form.coverImage.setInputFiles(path.join(fixtures, "jungle.png"));
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(form.bookingUrl).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("img", { name: "Preview of the chosen cover image" })).toBeVisible();

    await form.bookingUrl.fill("https://example.test/kept");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page).toHaveURL(/\/dashboard\?notice=saved$/);
    const rows = await query<{ width: number; height: number }>(
      "SELECT i.width, i.height FROM events e JOIN images i ON i.event_id = e.id WHERE e.title = $1",
      [draftTitle],
    );
    expect(rows).toEqual([{ width: 900, height: 900 }]);
  });

  test("the edit form shows the current image; a new one replaces it everywhere and the old files are gone", async ({ page, browser, baseURL }) => {
    await logIn(page, creator);
    await page.goto(`/dashboard/events/${eventId}/edit`);
    const current = page.getByRole("img", { name: "Current cover image" });
    await expect(current).toBeVisible();
    await expectWebpImage(page, current);

    await eventForm(page).coverImage.setInputFiles(path.join(fixtures, "jungle.png"));
    await expect(page.getByRole("img", { name: "Preview of the chosen cover image" })).toBeVisible();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(/\/dashboard\?notice=updated-live$/);

    const visitor = await anonymousPage(browser, baseURL);
    await visitor.goto(`/?q=${word}`);
    const newCardSrc = await expectWebpImage(
      visitor,
      visitor.getByTestId("event-card").filter({ hasText: title }).getByRole("img", { name: title, exact: true }),
    );
    expect(newCardSrc).not.toBe(firstCardSrc);
    expect((await visitor.request.get(firstCardSrc)).status()).toBe(404);
    await visitor.goto(`/events/${eventSlug}`);
    const largeSrc = await expectWebpImage(visitor, visitor.getByRole("img", { name: title, exact: true }).first());
    const metadata = await sharp(await (await visitor.request.get(largeSrc)).body()).metadata();
    expect([metadata.width, metadata.height]).toEqual([900, 900]); // never enlarged
    await visitor.context().close();
  });
});
