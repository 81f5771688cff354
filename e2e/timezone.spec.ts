/**
 * Bali time whatever the server's time zone: a second production server runs
 * with TZ=America/Los_Angeles (16 hours behind Bali) and its own Redis key
 * prefix, so that everything it shows is computed by that process.
 */
import { expect, test } from "@playwright/test";
import {
  baliDate,
  clearPublicCaches,
  closeDb,
  DAY,
  deleteInsertedData,
  insertEvent,
  query,
  startOfBaliDay,
  uniqueWord,
  type TInsertedEvent,
} from "./support/db";
import { parseVEvents } from "./support/ics";
import { startExtraServer, type TExtraServer } from "./support/server";

const PORT = 3109;

let server: TExtraServer;
let event: TInsertedEvent;
/** 06:00 on 15 March in Bali: still 14 March in UTC and in Los Angeles. */
let early: TInsertedEvent;

test.describe.serial("server in another time zone", () => {
  test.beforeAll(async () => {
    event = await insertEvent({ title: `Time Zone Probe ${uniqueWord()}`, startsAt: new Date("2031-03-14T11:30:00Z"), durationMinutes: 120 });
    early = await insertEvent({ title: `Early Bird Probe ${uniqueWord()}`, startsAt: new Date("2031-03-14T22:00:00Z"), durationMinutes: 60 });
    await clearPublicCaches();
    server = await startExtraServer({ port: PORT, env: { TZ: "America/Los_Angeles", REDIS_KEY_PREFIX: "zbe2e:tz:" } });
  });

  test.afterAll(async () => {
    await (server as TExtraServer | undefined)?.stop(); // unset when beforeAll failed
    await deleteInsertedData();
    await closeDb();
  });

  test("the event page shows 19:30 Bali time and a +08:00 JSON-LD startDate", async ({ page }) => {
    await page.goto(`${server.baseURL}/events/${event.slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(event.title);
    await expect(page.locator('dt:text-is("Date") + dd')).toHaveText("Friday, 14 March 2031");
    await expect(page.locator('dt:text-is("Time") + dd')).toHaveText("19:30 – 21:30 Bali time (WITA)");
    const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "") as { startDate: string; endDate: string };
    expect(data.startDate).toBe("2031-03-14T19:30:00+08:00");
    expect(data.endDate).toBe("2031-03-14T21:30:00+08:00");

    await page.goto(`${server.baseURL}/?q=${event.title.split(" ").at(-1)!}`);
    await expect(page.getByTestId("event-card").locator("time")).toHaveText("Fri, 14 Mar 2031 · 19:30");

    const rss = await (await page.request.get(`${server.baseURL}/feed.xml?q=${event.title.split(" ").at(-1)!}`)).text();
    expect(rss).toContain("Fri, 14 Mar 2031 · 19:30 (Bali time)");

    const ics = parseVEvents(await (await page.request.get(`${server.baseURL}/events/${event.slug}/event.ics`)).text());
    expect(ics[0]?.start.toISOString()).toBe("2031-03-14T11:30:00.000Z");
  });

  test("/api/events?when=today is today in Bali", async ({ request }) => {
    const dayStart = startOfBaliDay(baliDate());
    const dayEnd = new Date(dayStart.getTime() + DAY);
    const response = await request.get(`${server.baseURL}/api/events?when=today&limit=100`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { events: { slug: string; startsAt: string; endsAt: string }[] };
    const expected = await query<{ slug: string }>(
      `SELECT slug FROM events WHERE deleted_at IS NULL AND status IN ('PUBLISHED','CANCELLED') AND ends_at > now()
       AND starts_at < $2 AND ends_at > $1`,
      [dayStart, dayEnd],
    );
    expect(expected.length, "the seed puts an event under way right now").toBeGreaterThan(0);
    expect(body.events.map((item) => item.slug).sort()).toEqual(expected.map((row) => row.slug).sort());
    for (const item of body.events) {
      expect(Date.parse(item.startsAt)).toBeLessThan(dayEnd.getTime());
      expect(Date.parse(item.endsAt)).toBeGreaterThan(dayStart.getTime());
    }

    // "Tomorrow" is the next Bali day, not Los Angeles' tomorrow.
    const tomorrow = (await (await request.get(`${server.baseURL}/api/events?when=tomorrow&limit=100`)).json()) as typeof body;
    expect(tomorrow.events.length, "the seed has events tomorrow").toBeGreaterThan(0);
    for (const item of tomorrow.events) {
      expect(Date.parse(item.startsAt)).toBeLessThan(dayEnd.getTime() + DAY);
      expect(Date.parse(item.endsAt)).toBeGreaterThan(dayEnd.getTime());
    }
  });

  test("a From/To date range is read as Bali dates", async ({ request }) => {
    const slugsOn = async (date: string) => {
      const response = await request.get(`${server.baseURL}/api/events?from=${date}&to=${date}&limit=100`);
      expect(response.status()).toBe(200);
      return ((await response.json()) as { events: { slug: string }[] }).events.map((item) => item.slug);
    };
    const on14 = await slugsOn("2031-03-14");
    expect(on14).toContain(event.slug);
    expect(on14).not.toContain(early.slug);
    const on15 = await slugsOn("2031-03-15");
    expect(on15).toContain(early.slug);
    expect(on15).not.toContain(event.slug);

    const page = await request.get(`${server.baseURL}/events/${early.slug}`);
    expect(await page.text()).toContain("Saturday, 15 March 2031");
  });
});
