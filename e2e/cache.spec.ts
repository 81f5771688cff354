/**
 * Public pages are served from the shared Redis cache: a change made behind
 * the app's back (direct SQL, which skips the app's invalidation) stays
 * invisible until the cache entries are removed. The app's own write path
 * invalidation is covered by the integration tests.
 */
import { expect, test } from "@playwright/test";
import {
  cacheEntryCount,
  clearPublicCaches,
  closeDb,
  DAY,
  deleteInsertedData,
  insertEvent,
  setEventTitle,
  uniqueWord,
  type TInsertedEvent,
} from "./support/db";

const word = uniqueWord("cache");
let event: TInsertedEvent;

test.beforeAll(async () => {
  event = await insertEvent({ title: `Cache Probe Original ${word}`, startsAt: new Date(Date.now() + 9 * DAY) });
});

test.afterAll(async () => {
  await deleteInsertedData();
  await closeDb();
});

test.describe.serial("public caches", () => {
  test("the listing and the event page are served from the cache until it is cleared", async ({ page, request }) => {
    const original = `Cache Probe Original ${word}`;
    const renamed = `Cache Probe Renamed ${word}`;
    const listingTitles = async () => {
      await page.goto(`/?q=${word}`);
      return page.getByTestId("event-card").getByRole("heading").allInnerTexts();
    };
    const pageTitle = async () => {
      await page.goto(`/events/${event.slug}`);
      return page.getByRole("heading", { level: 1 }).innerText();
    };
    const apiTitle = async () => ((await (await request.get(`/api/events/${event.slug}`)).json()) as { title: string }).title;

    // Start with empty caches so the entries written now live for their full TTL.
    await clearPublicCaches();
    expect(await listingTitles()).toEqual([original]);
    expect(await pageTitle()).toBe(original);
    expect(await apiTitle()).toBe(original);
    // The answers are now in Redis (asked again should Redis have been briefly too slow to store them).
    await expect
      .poll(
        async () => {
          if ((await cacheEntryCount("listing")) === 0) await listingTitles();
          if ((await cacheEntryCount("event")) === 0) await pageTitle();
          return Math.min(await cacheEntryCount("listing"), await cacheEntryCount("event"));
        },
        { timeout: 8_000 },
      )
      .toBeGreaterThan(0);

    await setEventTitle(event.id, renamed);

    // Still the old title, although PostgreSQL has the new one: these answers
    // come from Redis. (Polled: if Redis is briefly too slow the app answers
    // from PostgreSQL instead — by design — and the next request uses the cache again.)
    await expect.poll(listingTitles, { timeout: 8_000 }).toEqual([original]);
    await expect.poll(pageTitle, { timeout: 8_000 }).toBe(original);
    await expect.poll(apiTitle, { timeout: 8_000 }).toBe(original);

    await clearPublicCaches();

    expect(await listingTitles()).toEqual([renamed]);
    expect(await pageTitle()).toBe(renamed);
    expect(await apiTitle()).toBe(renamed);
  });
});
