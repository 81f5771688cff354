/**
 * Hostile text in an event (title, description, contact e-mail) is shown as
 * text everywhere: the listing, the event page, its JSON-LD, the RSS feed and
 * the calendar feeds. Nothing of it runs.
 */
import { expect, test, type Page } from "@playwright/test";
import { parseVEvents, textOf } from "./support/ics";
import { clearPublicCaches, closeDb, DAY, deleteInsertedData, insertEvent, uniqueWord, type TInsertedEvent } from "./support/db";

const TITLE = '<img src=x onerror="window.__xss=1">Bad <script>window.__xss=2</script>';
const word = uniqueWord("xss");
const DESCRIPTION = `Hostile ${word} text.\n<script>window.__xss=3</script>\nClick javascript:alert(1) for more.\n<a href="javascript:alert(5)">a link</a>`;
const EMAIL = 'x"onmouseover="window.__xss=4@example.com';

let event: TInsertedEvent;
/** A booking link that the app's form would refuse (http/https only), written straight into the database. */
let badBooking: TInsertedEvent;

test.beforeAll(async () => {
  event = await insertEvent({
    title: TITLE,
    description: DESCRIPTION,
    contactEmail: EMAIL,
    venueName: 'Venue "<b>bold</b>"',
    startsAt: new Date(Date.now() + 4 * DAY),
  });
  badBooking = await insertEvent({ title: `Booking Link Probe ${word}`, bookingUrl: "javascript:window.__xss=6", startsAt: new Date(Date.now() + 4 * DAY) });
  await clearPublicCaches();
});

test.afterAll(async () => {
  await deleteInsertedData();
  await closeDb();
});

async function expectNoScriptRan(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
}

test.describe("hostile event text", () => {
  test.beforeEach(({ page }) => {
    page.on("dialog", (dialog) => {
      throw new Error(`A dialog opened: ${dialog.message()}`);
    });
  });

  test("is shown as text on the listing", async ({ page }) => {
    await page.goto(`/?q=${word}`);
    const card = page.getByTestId("event-card").filter({ hasText: "Bad" });
    await expect(card).toHaveCount(1);
    await expect(card.getByRole("heading")).toHaveText(TITLE);
    await expect(card.getByText("<script>", { exact: false })).toBeVisible();
    await expect(page.locator("img[src='x']")).toHaveCount(0);
    await expectNoScriptRan(page);
  });

  test("is shown as text on the event page, in its links and in its JSON-LD", async ({ page }) => {
    await page.goto(`/events/${event.slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
    const about = page.getByRole("region", { name: "About this event" });
    await expect(about).toContainText("<script>window.__xss=3</script>");
    await expect(about).toContainText("javascript:alert(1)");
    await expect(about).toContainText('<a href="javascript:alert(5)">a link</a>');
    await expect(about.getByRole("link")).toHaveCount(0);
    await expect(page.locator("img[src='x']")).toHaveCount(0);
    await expect(page.locator("a[href^='javascript:']")).toHaveCount(0);

    // The e-mail stays inside the href: no extra attribute appears.
    const email = page.getByRole("link", { name: "Email organiser" });
    await expect(email).toHaveAttribute("href", `mailto:${EMAIL}?subject=${encodeURIComponent(TITLE)}`);
    expect(await email.evaluate((link) => link.hasAttribute("onmouseover"))).toBe(false);
    await email.hover();
    await expect(page.locator("[onmouseover], [onerror]")).toHaveCount(0);

    // JSON-LD is still valid JSON and carries the title as data.
    const script = page.locator('script[type="application/ld+json"]');
    const raw = (await script.textContent()) ?? "";
    expect(raw).not.toContain("</script");
    const data = JSON.parse(raw) as { name: string; description: string; location: { name: string } };
    expect(data.name).toBe(TITLE);
    expect(data.description).toContain("<script>window.__xss=3</script>");
    expect(data.location.name).toBe('Venue "<b>bold</b>"');

    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", TITLE);
    await expectNoScriptRan(page);
  });

  test("a javascript: booking link never reaches the page as a live link", async ({ page }) => {
    await page.goto(`/events/${badBooking.slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(badBooking.title);
    for (const href of await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""))) {
      expect(href).not.toContain("__xss");
    }
    await expectNoScriptRan(page);
  });

  test("keeps the RSS feed well-formed XML", async ({ page, request }) => {
    await clearPublicCaches(); // a fresh feed (see the feed caching bug in feeds.spec.ts)
    const response = await request.get("/feed.xml");
    expect(response.status()).toBe(200);
    const xml = await response.text();
    await page.goto("about:blank");
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const error = doc.getElementsByTagName("parsererror")[0];
      const items = Array.from(doc.querySelectorAll("rss > channel > item"));
      const mine = items.find((item) => item.querySelector("title")?.textContent.startsWith("<img"));
      return {
        error: error?.textContent ?? null,
        title: mine?.querySelector("title")?.textContent ?? null,
        description: mine?.querySelector("description")?.textContent ?? null,
      };
    }, xml);
    expect(parsed.error).toBeNull();
    expect(parsed.title).toBe(TITLE);
    expect(parsed.description).toContain("<script>window.__xss=3</script>");
    await expectNoScriptRan(page);
  });

  test("keeps the calendar feeds parseable with the title as text", async ({ request }) => {
    for (const path of ["/events.ics", `/events/${event.slug}/event.ics`]) {
      const response = await request.get(path);
      expect(response.status()).toBe(200);
      const vevents = parseVEvents(await response.text());
      const mine = vevents.find((vevent) => vevent.uid === `${event.id}@zenbali`);
      expect(mine, `${path} has the event`).toBeTruthy();
      expect(textOf(mine?.summary)).toBe(TITLE);
    }
  });
});
