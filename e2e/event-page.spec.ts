/**
 * /events/<slug> — the event page: details in Bali time, contact and calendar
 * links, share links, Open Graph and schema.org JSON-LD; ended and cancelled
 * events; and a real 404 for everything a visitor must not see.
 */
import { expect, test, type Page } from "@playwright/test";
import { parseVEvents, textOf } from "./support/ics";
import { clearPublicCaches, closeDb, DAY, deleteInsertedData, demoCreatorId, HOUR, insertEvent, uniqueWord, type TInsertedEvent } from "./support/db";

const STARTS_AT = new Date("2031-03-14T11:30:00Z"); // 19:30 in Bali

let main: TInsertedEvent;
let ended: TInsertedEvent;
let cancelled: TInsertedEvent;
const hidden: Record<string, TInsertedEvent> = {};

test.beforeAll(async () => {
  main = await insertEvent({
    title: `Sound Bath Under the Stars ${uniqueWord()}`,
    description: "Bring a blanket.\nDetails: https://example.com/sound-bath-info and see you there.",
    startsAt: STARTS_AT,
    durationMinutes: 90,
    location: "ubud",
    eventType: "sound-healing",
    entrance: "prepaid-online",
    feeIdr: 250_000,
    participantGroup: "couples",
    venueName: "Pyramids Test Hall",
    venueAddress: "Jl. Kutuh Kaja No. 7",
    ledBy: "Ketut Tester",
    contactEmail: "sound@example.com",
    contactPhone: "0812 1111 2222",
    bookingUrl: "https://example.com/book/e2e-sound-bath",
  });
  ended = await insertEvent({ title: `Drum Circle That Ended ${uniqueWord()}`, startsAt: new Date(Date.now() - 26 * HOUR), durationMinutes: 60 });
  cancelled = await insertEvent({ title: `Cancelled Cacao Ceremony ${uniqueWord()}`, startsAt: new Date(Date.now() + 3 * DAY), status: "CANCELLED" });
  hidden.draft = await insertEvent({ title: `Draft Workshop ${uniqueWord()}`, startsAt: new Date(Date.now() + 5 * DAY), status: "DRAFT" });
  hidden.awaitingPayment = await insertEvent({
    title: `Unpaid Workshop ${uniqueWord()}`,
    startsAt: new Date(Date.now() + 5 * DAY),
    status: "AWAITING_PAYMENT",
  });
  hidden.unpublished = await insertEvent({ title: `Unpublished Workshop ${uniqueWord()}`, startsAt: new Date(Date.now() + 5 * DAY), status: "UNPUBLISHED" });
  hidden.deleted = await insertEvent({ title: `Deleted Workshop ${uniqueWord()}`, startsAt: new Date(Date.now() + 5 * DAY), deleted: true });
  await clearPublicCaches();
});

test.afterAll(async () => {
  await deleteInsertedData();
  await closeDb();
});

async function jsonLd(page: Page): Promise<Record<string, unknown>> {
  const scripts = page.locator('script[type="application/ld+json"]');
  await expect(scripts).toHaveCount(1);
  return JSON.parse((await scripts.textContent()) ?? "") as Record<string, unknown>;
}

/** The <dd> that follows a <dt> of the details list. */
const detail = (page: Page, term: string) => page.locator(`dt:text-is("${term}") + dd`);

test.describe("event page", () => {
  test("shows the event's details in Bali time", async ({ page }) => {
    const response = await page.goto(`/events/${main.slug}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(main.title);
    await expect(page).toHaveTitle(new RegExp(`^${main.title} · Zen Bali$`));
    await expect(detail(page, "Date")).toHaveText("Friday, 14 March 2031");
    await expect(detail(page, "Time")).toHaveText("19:30 – 21:00 Bali time (WITA)");
    await expect(detail(page, "Duration")).toHaveText("1 hour 30 minutes");
    await expect(detail(page, "Location")).toContainText("Pyramids Test Hall, Ubud");
    await expect(detail(page, "Location")).toContainText("Jl. Kutuh Kaja No. 7");
    await expect(detail(page, "Event type")).toHaveText("Sound Healing");
    await expect(detail(page, "Entrance")).toHaveText("Prepaid Online · Rp 250.000");
    await expect(detail(page, "Participants")).toHaveText("Couples");
    await expect(detail(page, "Led by")).toHaveText("Ketut Tester");
    await expect(detail(page, "Organiser").getByRole("link", { name: "Bali Mindful Events" })).toHaveAttribute("href", `/creators/${await demoCreatorId()}`);
    await expect(page.getByText("This event has ended")).toHaveCount(0);

    // Plain-text description with line breaks kept and links made clickable.
    const about = page.getByRole("region", { name: "About this event" });
    await expect(about).toContainText("Bring a blanket.");
    await expect(about.getByRole("link", { name: "https://example.com/sound-bath-info" })).toHaveAttribute("href", "https://example.com/sound-bath-info");
    // The cover placeholder has a text alternative.
    await expect(page.getByRole("img", { name: `${main.title} (no picture)` })).toBeVisible();
  });

  test("has Email organiser, WhatsApp / Call, Book now and Add to calendar links", async ({ page, request }) => {
    await page.goto(`/events/${main.slug}`);
    await expect(page.getByRole("link", { name: "Email organiser" })).toHaveAttribute(
      "href",
      `mailto:sound@example.com?subject=${encodeURIComponent(main.title)}`,
    );
    await expect(page.getByRole("link", { name: "WhatsApp / Call" })).toHaveAttribute("href", "https://wa.me/6281211112222");
    await expect(page.getByRole("link", { name: "Book now" })).toHaveAttribute("href", "https://example.com/book/e2e-sound-bath");
    const calendar = page.getByRole("link", { name: "Add to calendar" });
    await expect(calendar).toHaveAttribute("href", `/events/${main.slug}/event.ics`);

    // The .ics behind the link: one VEVENT at the right instant.
    const response = await request.get(`/events/${main.slug}/event.ics`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/calendar/);
    const vevents = parseVEvents(await response.text());
    expect(vevents).toHaveLength(1);
    const [vevent] = vevents;
    expect(textOf(vevent?.summary)).toBe(main.title);
    expect(vevent?.start.toISOString()).toBe("2031-03-14T11:30:00.000Z");
    expect(vevent?.end?.toISOString()).toBe("2031-03-14T13:00:00.000Z");
    expect(textOf(vevent?.location)).toBe("Pyramids Test Hall, Jl. Kutuh Kaja No. 7, Ubud, Bali");

    // Download it through the page, as a visitor would.
    const download = page.waitForEvent("download");
    await calendar.click();
    expect((await download).suggestedFilename()).toBe(`${main.slug}.ics`);
  });

  test("has share links that carry the event's address", async ({ page, baseURL }) => {
    await page.goto(`/events/${main.slug}`);
    const share = page.getByRole("region", { name: "Share" });
    const url = encodeURIComponent(`${baseURL}/events/${main.slug}`);
    await expect(share.getByRole("link", { name: "Share on WhatsApp" })).toHaveAttribute("href", new RegExp(`^https://wa\\.me/\\?text=.*${escapeRegExp(url)}`));
    await expect(share.getByRole("link", { name: "Share on Facebook" })).toHaveAttribute("href", `https://www.facebook.com/sharer/sharer.php?u=${url}`);
    await expect(share.getByRole("link", { name: "Share on X" })).toHaveAttribute(
      "href",
      new RegExp(`^https://x\\.com/intent/post\\?url=${escapeRegExp(url)}`),
    );
    await expect(share.getByRole("link", { name: "Share on Telegram" })).toHaveAttribute(
      "href",
      new RegExp(`^https://t\\.me/share/url\\?url=${escapeRegExp(url)}`),
    );
    await expect(share.getByRole("link", { name: "Share by email" })).toHaveAttribute("href", /^mailto:\?subject=/);
  });

  test("has Open Graph tags and schema.org Event JSON-LD with the +08:00 offset", async ({ page, baseURL }) => {
    await page.goto(`/events/${main.slug}`);
    const eventUrl = `${baseURL}/events/${main.slug}`;
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", main.title);
    await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", eventUrl);
    await expect(page.locator('meta[property="og:description"]')).toHaveAttribute("content", /19:30 in Ubud, Bali/);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", eventUrl);

    const data = await jsonLd(page);
    expect(data["@context"]).toBe("https://schema.org");
    expect(data["@type"]).toBe("Event");
    expect(data.name).toBe(main.title);
    expect(data.startDate).toMatch(/\+08:00$/);
    expect(data.startDate).toBe("2031-03-14T19:30:00+08:00");
    expect(data.endDate).toBe("2031-03-14T21:00:00+08:00");
    expect(data.eventStatus).toBe("https://schema.org/EventScheduled");
    expect(data.description).toContain("Bring a blanket.");
    expect(data.location).toMatchObject({
      "@type": "Place",
      name: "Pyramids Test Hall",
      address: { addressRegion: "Bali", addressLocality: "Ubud", addressCountry: "ID" },
    });
    expect(data.organizer).toMatchObject({ name: "Bali Mindful Events" });
    expect(data.offers).toMatchObject({ price: 250_000, priceCurrency: "IDR" });
  });

  test("an ended event stays reachable, says so, and is not listed on /", async ({ page }) => {
    const response = await page.goto(`/events/${ended.slug}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ended.title);
    await expect(page.getByText("This event has ended")).toBeVisible();

    const word = ended.title.split(" ").at(-1)!;
    await page.goto(`/?q=${word}`);
    await expect(page.getByText("No events found")).toBeVisible();
    // Compare with an upcoming event found the same way.
    await page.goto(`/?q=${main.title.split(" ").at(-1)!}`);
    await expect(page.getByRole("link", { name: main.title })).toBeVisible();
  });

  test("a cancelled event shows a Cancelled badge on its page and its card", async ({ page }) => {
    await page.goto(`/events/${cancelled.slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(cancelled.title);
    await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();
    await expect(page.getByText("Cancelled — this event will not take place.")).toBeVisible();
    expect((await jsonLd(page)).eventStatus).toBe("https://schema.org/EventCancelled");

    await page.goto(`/?q=${cancelled.title.split(" ").at(-1)!}`);
    const card = page.getByTestId("event-card").filter({ hasText: cancelled.title });
    await expect(card).toHaveCount(1);
    await expect(card.getByText("Cancelled", { exact: true })).toBeVisible();
  });

  test("an unknown slug, a draft, an unpaid, an unpublished and a deleted event are real 404s", async ({ page, request }) => {
    const cases = [
      { kind: "unknown", slug: `no-such-event-${uniqueWord()}`, title: null },
      ...Object.entries(hidden).map(([kind, event]) => ({ kind, slug: event.slug, title: event.title })),
    ];
    expect(cases).toHaveLength(5);
    for (const { kind, slug, title } of cases) {
      const response = await page.goto(`/events/${slug}`);
      expect(response?.status(), kind).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" }), kind).toBeVisible();
      await expect(page.getByRole("link", { name: "See events in Bali" })).toHaveAttribute("href", "/");
      if (title) expect(await page.content(), kind).not.toContain(title);
      expect((await request.get(`/events/${slug}/event.ics`)).status(), `${kind} .ics`).toBe(404);
      expect((await request.get(`/api/events/${slug}`)).status(), `${kind} API`).toBe(404);
    }
  });

  test('offers "Report this event"', async ({ page }) => {
    await page.goto(`/events/${main.slug}`);
    await expect(page.getByRole("link", { name: "Report this event" })).toHaveAttribute("href", `/events/${main.slug}/report`);
  });
});

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
