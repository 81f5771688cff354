/**
 * Feeds: /events.ics (and its filters), /feed.xml (RSS 2.0, same filters),
 * /sitemap.xml (an index of /sitemaps/*.xml) and /robots.txt. Calendars are read with node-ical, XML with
 * the browser's DOMParser.
 */
import { expect, test, type Page } from "@playwright/test";
import { clearPublicCaches, closeDb, DAY, deleteInsertedData, HOUR, insertEvent, query, uniqueWord, type TInsertedEvent } from "./support/db";
import { parseVEvents, textOf } from "./support/ics";

let ended: TInsertedEvent;
let draft: TInsertedEvent;
let upcoming: TInsertedEvent;

test.beforeAll(async () => {
  ended = await insertEvent({ title: `Feed Ended Event ${uniqueWord()}`, startsAt: new Date(Date.now() - 28 * HOUR), durationMinutes: 60 });
  draft = await insertEvent({ title: `Feed Draft Event ${uniqueWord()}`, startsAt: new Date(Date.now() + 6 * DAY), status: "DRAFT" });
  upcoming = await insertEvent({ title: `Feed Yoga Event ${uniqueWord()}`, startsAt: new Date(Date.now() + 6 * DAY), eventType: "yoga", location: "sidemen" });
  await clearPublicCaches();
});

test.afterAll(async () => {
  await deleteInsertedData();
  await closeDb();
});

/** Slugs of the upcoming public events, optionally of one location or type. */
async function publicSlugs({ location, type, status = ["PUBLISHED", "CANCELLED"] }: { location?: string; type?: string; status?: string[] } = {}): Promise<
  string[]
> {
  const rows = await query<{ slug: string }>(
    `SELECT e.slug FROM events e JOIN locations l ON l.id = e.location_id JOIN event_types t ON t.id = e.event_type_id
     WHERE e.deleted_at IS NULL AND e.status::text = ANY($1) AND e.ends_at > now()
       AND ($2::text IS NULL OR l.slug = $2) AND ($3::text IS NULL OR t.slug = $3)`,
    [status, location ?? null, type ?? null],
  );
  return rows.map((row) => row.slug).sort();
}

const slugOfUrl = (url: string) => url.replace(/^.*\/events\//, "");

type TRss = {
  error: string | null;
  version: string | null;
  channelTitle: string | null;
  items: { title: string; link: string; guid: string; category: string; pubDate: string }[];
};

async function parseRss(page: Page, xml: string): Promise<TRss> {
  await page.goto("about:blank");
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const read = (element: Element, name: string) => element.getElementsByTagName(name)[0]?.textContent ?? "";
    return {
      error: doc.getElementsByTagName("parsererror")[0]?.textContent ?? null,
      version: doc.documentElement.nodeName === "rss" ? doc.documentElement.getAttribute("version") : null,
      channelTitle: doc.querySelector("rss > channel > title")?.textContent ?? null,
      items: Array.from(doc.querySelectorAll("rss > channel > item")).map((item) => ({
        title: read(item, "title"),
        link: read(item, "link"),
        guid: read(item, "guid"),
        category: read(item, "category"),
        pubDate: read(item, "pubDate"),
      })),
    };
  }, xml);
}

// Each feed test starts from empty caches, so that it checks the feed's content
// even while the cache-hit bug below is open (see "feeds answer from the cache").
test.beforeEach(async () => {
  await clearPublicCaches();
});

test.describe("feed caching", () => {
  test("feeds answer from the cache too (the second request)", async ({ request }) => {
    for (const path of ["/feed.xml", "/events.ics", "/events.ics?location=ubud", "/sitemap.xml", "/sitemaps/pages.xml", "/sitemaps/events-1.xml"]) {
      const first = await request.get(path);
      expect(first.status(), `${path} (cache miss)`).toBe(200);
      const second = await request.get(path);
      expect(second.status(), `${path} (cache hit)`).toBe(200);
      expect(await second.text()).toBe(await first.text());
    }
  });
});

test.describe("iCalendar feeds", () => {
  test("/events.ics lists every upcoming public event with start, end and summary", async ({ request }) => {
    const response = await request.get("/events.ics");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/calendar/);
    const text = await response.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain("X-WR-TIMEZONE:Asia/Makassar");
    const vevents = parseVEvents(text);
    expect(vevents.length).toBeGreaterThanOrEqual(72);
    for (const vevent of vevents) {
      expect(vevent.start, vevent.uid).toBeInstanceOf(Date);
      expect(vevent.end, vevent.uid).toBeInstanceOf(Date);
      expect(vevent.end!.getTime()).toBeGreaterThan(vevent.start.getTime());
      expect(textOf(vevent.summary).length).toBeGreaterThan(2);
    }
    const slugs = vevents.map((vevent) => slugOfUrl(vevent.url ?? "")).sort();
    expect(slugs).toEqual(await publicSlugs());
    expect(slugs).toContain(upcoming.slug);
    expect(slugs).not.toContain(ended.slug);
    expect(slugs).not.toContain(draft.slug);
  });

  test("/events.ics?location=ubud only has Ubud events", async ({ request }) => {
    const response = await request.get("/events.ics?location=ubud");
    expect(response.status()).toBe(200);
    const vevents = parseVEvents(await response.text());
    const expected = await publicSlugs({ location: "ubud" });
    expect(expected.length).toBeGreaterThan(0);
    expect(vevents.map((vevent) => slugOfUrl(vevent.url ?? "")).sort()).toEqual(expected);
    for (const vevent of vevents) expect(textOf(vevent.location)).toMatch(/, Ubud, Bali$/);
  });

  test("/events/<slug>/event.ics has exactly one VEVENT at the right instant", async ({ request }) => {
    const response = await request.get(`/events/${upcoming.slug}/event.ics`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/calendar/);
    expect(response.headers()["content-disposition"]).toContain(`${upcoming.slug}.ics`);
    const vevents = parseVEvents(await response.text());
    expect(vevents).toHaveLength(1);
    expect(vevents[0]?.start.getTime()).toBe(upcoming.startsAt.getTime());
    expect(vevents[0]?.end?.getTime()).toBe(upcoming.endsAt.getTime());
    expect(textOf(vevents[0]?.summary)).toBe(upcoming.title);

    // An ended event's calendar file still downloads.
    const endedResponse = await request.get(`/events/${ended.slug}/event.ics`);
    expect(endedResponse.status()).toBe(200);
    expect(parseVEvents(await endedResponse.text())[0]?.start.getTime()).toBe(ended.startsAt.getTime());
  });
});

test.describe("RSS feed", () => {
  test("/feed.xml is RSS 2.0 whose items link to event pages", async ({ page, request, baseURL }) => {
    const response = await request.get("/feed.xml");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/rss\+xml/);
    const rss = await parseRss(page, await response.text());
    expect(rss.error).toBeNull();
    expect(rss.version).toBe("2.0");
    expect(rss.channelTitle).toContain("Zen Bali");
    expect(rss.items.length).toBeGreaterThanOrEqual(72);
    for (const item of rss.items) {
      expect(item.link).toMatch(new RegExp(`^${baseURL}/events/[a-z0-9-]+$`));
      expect(item.guid).toBe(item.link);
      expect(item.title.length).toBeGreaterThan(2);
      expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
    }
    const slugs = rss.items.map((item) => slugOfUrl(item.link)).sort();
    expect(slugs).toEqual(await publicSlugs());
    expect(slugs).not.toContain(ended.slug);
  });

  test("/feed.xml?type=yoga has only yoga events", async ({ page, request }) => {
    const rss = await parseRss(page, await (await request.get("/feed.xml?type=yoga")).text());
    expect(rss.error).toBeNull();
    const expected = await publicSlugs({ type: "yoga" });
    expect(expected).toContain(upcoming.slug);
    expect(rss.items.map((item) => slugOfUrl(item.link)).sort()).toEqual(expected);
    for (const item of rss.items) expect(item.category).toBe("Yoga");
  });
});

test.describe("sitemap and robots", () => {
  type TSitemapEntry = { loc: string; lastmod: string | null; alternates: Record<string, string> };

  /** A sitemap document read by the browser's DOMParser: its root, the parse error if any, and its entries. */
  async function readSitemap(page: Page, text: string): Promise<{ error: string | null; root: string; entries: TSitemapEntry[] }> {
    await page.goto("about:blank");
    return page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, "application/xml");
      const entries = Array.from(doc.documentElement.children).map((entry) => {
        const alternates: Record<string, string> = {};
        for (const link of Array.from(entry.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "link"))) {
          alternates[link.getAttribute("hreflang") ?? ""] = link.getAttribute("href") ?? "";
        }
        return {
          loc: entry.getElementsByTagName("loc")[0]?.textContent ?? "",
          lastmod: entry.getElementsByTagName("lastmod")[0]?.textContent ?? null,
          alternates,
        };
      });
      return { error: doc.getElementsByTagName("parsererror")[0]?.textContent ?? null, root: doc.documentElement.nodeName, entries };
    }, text);
  }

  test("/sitemap.xml is an index of files listing home, the calendar and every upcoming published event in en, id and ru", async ({
    page,
    request,
    baseURL,
  }) => {
    const response = await request.get("/sitemap.xml");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/xml/);
    const index = await readSitemap(page, await response.text());
    expect(index.error).toBeNull();
    expect(index.root).toBe("sitemapindex");
    expect(index.entries.map((entry) => entry.loc)).toEqual([`${baseURL}/sitemaps/pages.xml`, `${baseURL}/sitemaps/events-1.xml`]);
    const locs: string[] = [];
    for (const file of index.entries) {
      expect(file.lastmod, file.loc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      const fileResponse = await request.get(new URL(file.loc).pathname);
      expect(fileResponse.status(), file.loc).toBe(200);
      expect(fileResponse.headers()["content-type"]).toMatch(/xml/);
      const sitemap = await readSitemap(page, await fileResponse.text());
      expect(sitemap.error).toBeNull();
      expect(sitemap.root).toBe("urlset");
      for (const url of sitemap.entries) {
        expect(Object.keys(url.alternates).sort(), url.loc).toEqual(["en", "id", "ru", "x-default"]);
        expect(Object.values(url.alternates)).toContain(url.loc);
        locs.push(url.loc);
      }
    }
    expect(new Set(locs).size).toBe(locs.length);
    for (const path of ["", "/calendar", "/calendar/month"]) {
      for (const prefix of ["", "/id", "/ru"]) expect(locs).toContain(`${baseURL}${prefix}${path}`);
    }
    const expected = await publicSlugs({ status: ["PUBLISHED"] });
    for (const prefix of ["", "/id", "/ru"]) {
      const eventSlugs = locs
        .filter((loc) => loc.startsWith(`${baseURL}${prefix}/events/`))
        .map(slugOfUrl)
        .sort();
      expect(eventSlugs, prefix || "en").toEqual(expected);
    }
    expect(expected).toContain(upcoming.slug);
    expect(expected).not.toContain(ended.slug);
    expect(expected).not.toContain(draft.slug);
  });

  test("a sitemap file the index does not list is a 404", async ({ request }) => {
    for (const path of ["/sitemaps/events-0.xml", "/sitemaps/events-999.xml", "/sitemaps/events-x.xml", "/sitemaps/nothing.xml"]) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
  });

  test("/robots.txt disallows /dashboard, /admin and /api and points to the sitemap", async ({ request, baseURL }) => {
    const response = await request.get("/robots.txt");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
    const lines = (await response.text()).split(/\r?\n/).map((line) => line.trim());
    expect(lines).toContain("User-agent: *");
    expect(lines).toContain("Disallow: /dashboard");
    expect(lines).toContain("Disallow: /admin");
    expect(lines).toContain("Disallow: /api");
    expect(lines).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
  });
});
