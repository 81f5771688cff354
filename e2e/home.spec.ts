/**
 * "/" — Events in Bali: the filter form, results, pagination, featured events,
 * the empty state, the visitor counter, and the page without JavaScript.
 * The seed gives 72 upcoming published events by "Bali Mindful Events";
 * expectations that depend on the data are checked against the database.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import {
  baliDate,
  clearPublicCaches,
  closeDb,
  countPublicUpcomingEvents,
  DAY,
  deleteInsertedData,
  insertEvent,
  query,
  startOfBaliDay,
  uniqueWord,
} from "./support/db";

const PAGE_SIZE = 24;

const cards = (page: Page) => page.getByTestId("event-card");

async function cardSlugs(page: Page): Promise<string[]> {
  const hrefs = await cards(page)
    .getByRole("link")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return hrefs.map((href) => href.replace(/^\/events\//, ""));
}

async function cardTitles(page: Page): Promise<string[]> {
  return cards(page).getByRole("heading").allInnerTexts();
}

/** The "Location: X · Event type: Y" line of a card (the labels are visually hidden). */
const locationLine = (card: Locator) => card.locator("p", { hasText: "Location:" });

async function expectEveryLocation(page: Page, name: string) {
  const lines = await locationLine(cards(page)).allTextContents();
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toMatch(new RegExp(`Location:\\s*${name}\\b`));
}

/** The price badge of every card ("Free" or "Rp 150.000"). */
async function priceBadges(page: Page): Promise<string[]> {
  return cards(page)
    .getByText(/^(Free|Rp [\d.]+)$/)
    .allInnerTexts();
}

/** The filter controls, found the way a screen reader user finds them: by their label. */
function filters(page: Page) {
  return {
    search: page.getByLabel("Search", { exact: true }),
    when: page.getByLabel("When", { exact: true }),
    from: page.getByLabel("From", { exact: true }),
    to: page.getByLabel("To", { exact: true }),
    location: page.getByLabel("Location", { exact: true }),
    eventType: page.getByLabel("Event type", { exact: true }),
    entrance: page.getByLabel("Entrance", { exact: true }),
    price: page.getByLabel("Price", { exact: true }),
    sort: page.getByLabel("Sort", { exact: true }),
    apply: page.getByRole("button", { name: "Apply filters" }),
  };
}

test.afterAll(async () => {
  await deleteInsertedData();
  await closeDb();
});

test.describe("home page", () => {
  test("has its heading, the call to post an event, and every filter with its label", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveTitle(/Zen Bali/);
    await expect(page.getByRole("heading", { level: 1, name: "Discover events in Bali" })).toBeVisible();
    const cta = page.getByRole("link", { name: "Post your event – USD 3" });
    await expect(cta).toBeVisible();
    await expect(cta).toHaveAttribute("href", "/dashboard/events/new");

    const form = filters(page);
    await expect(form.search).toHaveAttribute("name", "q");
    await expect(form.search).toHaveAttribute("type", "search");
    await expect(form.when).toHaveAttribute("name", "when");
    await expect(form.when.locator("option")).toHaveText(["Any time", "Today", "Tonight", "Tomorrow", "This weekend", "This week", "Next 30 days"]);
    await expect(form.from).toHaveAttribute("name", "from");
    await expect(form.from).toHaveAttribute("type", "date");
    await expect(form.to).toHaveAttribute("name", "to");
    await expect(form.to).toHaveAttribute("type", "date");
    await expect(form.location).toHaveAttribute("name", "location");
    // "All locations" and the 25 seeded locations, in the product contract's order.
    await expect(form.location.locator("option")).toHaveCount(26);
    await expect(form.location.locator("option").nth(1)).toHaveText("Ubud");
    await expect(form.location.locator("option").nth(2)).toHaveText("Canggu");
    await expect(form.eventType).toHaveAttribute("name", "type");
    await expect(form.eventType.locator("option")).toHaveCount(26);
    await expect(form.entrance).toHaveAttribute("name", "entrance");
    await expect(form.entrance.locator("option")).toHaveCount(7);
    await expect(form.price).toHaveAttribute("name", "price");
    await expect(form.price.locator("option")).toHaveText(["Any", "Free", "Paid"]);
    await expect(form.sort).toHaveAttribute("name", "sort");
    await expect(form.sort.locator("option")).toHaveText(["Soonest", "Newest"]);
    await expect(form.apply).toBeVisible();

    await expect(cards(page)).toHaveCount(PAGE_SIZE);
    // A card: title link, date and time, location, event type, price badge, organiser.
    const first = cards(page).first();
    await expect(first.getByRole("link")).toHaveAttribute("href", /^\/events\/[a-z0-9-]+$/);
    await expect(first.locator("time")).toHaveText(/^\w{3}, \d{1,2} \w{3} \d{4} · \d{2}:\d{2}$/);
    await expect(locationLine(first)).toHaveText(/Location:\s*\S.*Event type:\s*\S/);
    await expect(first.getByText(/^(Free|Rp \d{1,3}(\.\d{3})*)$/)).toBeVisible();
    await expect(first).toContainText("Bali Mindful Events");
  });

  test("choosing a location and pressing Apply filters puts it in the URL and shows only that location", async ({ page }) => {
    await page.goto("/");
    const form = filters(page);
    await form.location.selectOption({ label: "Ubud" });
    await form.apply.click();
    await expect(page).toHaveURL(/\/\?(.*&)?location=ubud(&|$)/);
    await expect(form.location).toHaveValue("ubud");

    // A recurring series is one card.
    const rows = await query<{ count: string }>(
      `SELECT count(DISTINCT COALESCE(e.series_id, e.id)) FROM events e JOIN locations l ON l.id = e.location_id
       WHERE l.slug = 'ubud' AND e.deleted_at IS NULL AND e.status IN ('PUBLISHED','CANCELLED') AND e.ends_at > now()`,
    );
    const expected = Math.min(Number(rows[0]?.count), PAGE_SIZE);
    expect(expected, "the seed has events in Ubud").toBeGreaterThan(0);
    await expect(cards(page)).toHaveCount(expected);
    await expectEveryLocation(page, "Ubud");
  });

  test("searching for a word of a seeded title finds that event", async ({ page }) => {
    await page.goto("/");
    await filters(page).search.fill("Kecak");
    await filters(page).apply.click();
    await expect(page).toHaveURL(/[?&]q=Kecak(&|$)/);
    await expect(filters(page).search).toHaveValue("Kecak");
    await expect(page.getByRole("link", { name: "Kecak Fire Dance at Sunset" })).toBeVisible();
    for (const title of await cardTitles(page)) expect(title).toContain("Kecak");

    // A word prefix, as someone still typing: "medit" finds the meditation events.
    await page.goto("/?q=medit");
    await expect(cards(page).first()).toBeVisible();
    for (const text of await cards(page).allInnerTexts()) expect(text).toMatch(/Meditation/i);
  });

  test("price=free shows only free events", async ({ page }) => {
    await page.goto("/");
    await filters(page).price.selectOption({ label: "Free" });
    await filters(page).apply.click();
    await expect(page).toHaveURL(/[?&]price=free(&|$)/);
    await expect(cards(page).first()).toBeVisible();
    const count = await cards(page).count();
    expect(await priceBadges(page)).toEqual(Array(count).fill("Free"));
    for (const text of await cards(page).allInnerTexts()) expect(text).not.toContain("Rp ");

    // Paid events, and the filter is kept by the page links.
    await page.goto("/?price=paid");
    const paid = await priceBadges(page);
    expect(paid.length).toBe(await cards(page).count());
    for (const badge of paid) expect(badge).toMatch(/^Rp \d{1,3}(\.\d{3})+$/);
    const next = page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Next" });
    if (await next.count()) await expect(next).toHaveAttribute("href", "/?price=paid&page=2");
  });

  test("when=today lists exactly the events on today's date in Bali", async ({ page }) => {
    await page.goto("/");
    await filters(page).when.selectOption({ label: "Today" });
    await filters(page).apply.click();
    await expect(page).toHaveURL(/[?&]when=today(&|$)/);

    const dayStart = startOfBaliDay(baliDate());
    const dayEnd = new Date(dayStart.getTime() + DAY);
    const expected = await query<{ slug: string }>(
      `SELECT slug FROM events WHERE deleted_at IS NULL AND status IN ('PUBLISHED','CANCELLED') AND ends_at > now()
       AND starts_at < $2 AND ends_at > $1`,
      [dayStart, dayEnd],
    );
    expect(expected.length, "the seed puts an event under way right now").toBeGreaterThan(0);
    const shown = await cardSlugs(page);
    expect(shown.sort()).toEqual(expected.map((row) => row.slug).sort());
    for (const datetime of await cards(page)
      .locator("time")
      .evaluateAll((times) => times.map((time) => time.getAttribute("datetime") ?? ""))) {
      expect(new Date(datetime).getTime()).toBeLessThan(dayEnd.getTime());
    }
  });

  test("From and To pick Bali dates", async ({ page }) => {
    const tomorrow = baliDate(new Date(Date.now() + DAY));
    await page.goto("/");
    await filters(page).from.fill(tomorrow);
    await filters(page).to.fill(tomorrow);
    await filters(page).apply.click();
    await expect(page).toHaveURL(new RegExp(`[?&]from=${tomorrow}&to=${tomorrow}(&|$)`));
    await expect(filters(page).from).toHaveValue(tomorrow);
    const dayStart = startOfBaliDay(tomorrow);
    const expected = await query<{ slug: string }>(
      `SELECT slug FROM events WHERE deleted_at IS NULL AND status IN ('PUBLISHED','CANCELLED') AND ends_at > now()
       AND ends_at > $1 AND starts_at < $2`,
      [dayStart, new Date(dayStart.getTime() + DAY)],
    );
    expect(expected.length, "the seed has events tomorrow").toBeGreaterThan(0);
    if (expected.length <= PAGE_SIZE) expect((await cardSlugs(page)).sort()).toEqual(expected.map((row) => row.slug).sort());
    else await expect(cards(page)).toHaveCount(PAGE_SIZE);
  });

  test("invalid filters in a link are ignored with a notice, not an error", async ({ page }) => {
    const response = await page.goto("/?when=someday&page=abc&location=ubud");
    expect(response?.status()).toBe(200);
    const notice = page.getByRole("status").filter({ hasText: "Some filters in the link were not valid and were ignored" });
    await expect(notice).toContainText("when");
    await expect(notice).toContainText("page");
    await expect(filters(page).location).toHaveValue("ubud");
    await expectEveryLocation(page, "Ubud");

    // A page past the end is empty, with a way back.
    await page.goto("/?page=500");
    await expect(page.getByText("No events found")).toBeVisible();
    await expect(page.getByRole("region", { name: "Events" }).getByRole("link", { name: "Clear filters" })).toHaveAttribute("href", "/");
  });

  test("sort newest orders by publication, featured events first", async ({ page }) => {
    await page.goto("/");
    await filters(page).sort.selectOption({ label: "Newest" });
    await filters(page).apply.click();
    await expect(page).toHaveURL(/[?&]sort=newest(&|$)/);
    // A recurring series is one card: its next date that takes place (or, if none does, its next cancelled one).
    const expected = await query<{ slug: string }>(
      `WITH visible AS (SELECT * FROM events WHERE deleted_at IS NULL AND status IN ('PUBLISHED','CANCELLED') AND ends_at > now()),
            cards AS (SELECT DISTINCT ON (COALESCE(series_id, id)) * FROM visible ORDER BY COALESCE(series_id, id), status = 'CANCELLED', starts_at, id)
       SELECT slug FROM cards ORDER BY is_featured DESC, published_at DESC NULLS LAST, created_at DESC, id LIMIT ${PAGE_SIZE}`,
    );
    expect(await cardSlugs(page)).toEqual(expected.map((row) => row.slug));

    // …and differs from the default order (soonest first).
    await page.goto("/");
    expect(await cardSlugs(page)).not.toEqual(expected.map((row) => row.slug));
  });

  test("paginates 24 per page with Previous/Next and numbered page links", async ({ page }) => {
    const total = await countPublicUpcomingEvents();
    const totalPages = Math.ceil(total / PAGE_SIZE);
    expect(total, "the seed has 72 upcoming events").toBeGreaterThanOrEqual(72);

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 2 })).toHaveText(`${total} events · page 1 of ${totalPages}`);
    await expect(cards(page)).toHaveCount(PAGE_SIZE);
    const pagination = page.getByRole("navigation", { name: "Pagination" });
    await expect(pagination.getByRole("link", { name: "Previous" })).toHaveCount(0);
    await expect(pagination.locator('[aria-current="page"]')).toHaveText("Page 1");
    await expect(pagination.getByRole("link", { name: "Page 2", exact: true })).toHaveAttribute("href", "/?page=2");
    await expect(pagination.getByRole("link", { name: "Page 3", exact: true })).toHaveAttribute("href", "/?page=3");
    const seen = await cardSlugs(page);

    await pagination.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/\?page=2$/);
    await expect(page.getByRole("heading", { level: 2 })).toHaveText(`${total} events · page 2 of ${totalPages}`);
    await expect(cards(page)).toHaveCount(PAGE_SIZE);
    await expect(pagination.locator('[aria-current="page"]')).toHaveText("Page 2");
    await expect(pagination.getByRole("link", { name: "Previous" })).toHaveAttribute("href", "/");
    seen.push(...(await cardSlugs(page)));

    await pagination.getByRole("link", { name: "Page 3", exact: true }).click();
    await expect(page).toHaveURL(/\/\?page=3$/);
    await expect(cards(page)).toHaveCount(Math.min(PAGE_SIZE, total - 2 * PAGE_SIZE));
    seen.push(...(await cardSlugs(page)));
    if (totalPages === 3) {
      await expect(pagination.getByRole("link", { name: "Next" })).toHaveCount(0);
      await expect(pagination.getByText("Next")).toHaveAttribute("aria-disabled", "true");
    }
    await pagination.getByRole("link", { name: "Previous" }).click();
    await expect(page).toHaveURL(/\/\?page=2$/);

    // Every event once, none twice.
    if (totalPages === 3) {
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
    }
  });

  test("changing a filter on page 2 goes back to page 1", async ({ page }) => {
    await page.goto("/?page=2");
    await expect(page.getByRole("navigation", { name: "Pagination" }).locator('[aria-current="page"]')).toHaveText("Page 2");
    await filters(page).location.selectOption({ label: "Canggu" });
    await filters(page).apply.click();
    await expect(page).toHaveURL(/[?&]location=canggu(&|$)/);
    expect(new URL(page.url()).searchParams.has("page")).toBe(false);
    await expect(cards(page).first()).toBeVisible();
  });

  test("a search with no result says so, offers to clear the filters and to post an event", async ({ page }) => {
    await page.goto(`/?q=${uniqueWord("nomatch")}&location=ubud`);
    const results = page.getByRole("region", { name: "Events" });
    await expect(results.getByText("No events found")).toBeVisible();
    await expect(cards(page)).toHaveCount(0);
    const clear = results.getByRole("link", { name: "Clear filters" });
    await expect(clear).toHaveAttribute("href", "/");
    await expect(results.getByRole("link", { name: "Post your event – USD 3" })).toHaveAttribute("href", "/dashboard/events/new");
    await clear.click();
    await expect(page).toHaveURL(/\/$/);
    await expect(cards(page)).toHaveCount(PAGE_SIZE);
  });

  test("the footer counts unique visitors (IP + user agent)", async ({ page, browser }) => {
    // A reload may be answered 304 (the count is not part of the ETag: issue 10), so the figure is read from a fresh
    // fetch of the page, as a first visit shows it.
    const visitors = async () => {
      const html = await (await page.request.get("/")).text();
      return Number(/data-live="visitors">Visitors: ([\d,]+)</.exec(html)?.[1]?.replace(/\D/g, "") ?? "0");
    };
    await page.goto("/");
    await expect(page.getByTestId("visitor-count")).toHaveText(/^Visitors: \d[\d,]*$/);
    // Let this browser's own first visit be counted (it is recorded after the response), then take the figure.
    await page.waitForTimeout(300);
    await expect.poll(visitors, { timeout: 5_000 }).toBeGreaterThan(0);
    const before = await visitors();

    // Same IP, another browser (user agent): a new visitor. Its visit is repeated
    // while polling — still one visitor — in case Redis was briefly too slow to count it.
    const context = await browser.newContext({ userAgent: `Mozilla/5.0 (X11; Linux x86_64) E2EVisitor/${uniqueWord()}` });
    const other = await context.newPage();
    try {
      await expect
        .poll(
          async () => {
            await other.goto("/", { waitUntil: "commit" });
            await expect(other.getByTestId("visitor-count")).toBeAttached();
            await page.waitForTimeout(200);
            return visitors();
          },
          { timeout: 10_000 },
        )
        .toBeGreaterThan(before);
    } finally {
      await context.close();
    }
  });
});

test.describe.serial("featured events", () => {
  let featured: Awaited<ReturnType<typeof insertEvent>>;

  test.beforeAll(async () => {
    featured = await insertEvent({
      title: `Featured Full Moon Gathering ${uniqueWord()}`,
      startsAt: new Date(Date.now() + 400 * DAY),
      isFeatured: true,
      feeIdr: 150_000,
    });
    await clearPublicCaches();
  });

  test("come first on page 1 with a Featured badge, and are not shown twice", async ({ page }) => {
    const featuredSlugs = (
      await query<{ slug: string }>(
        `SELECT slug FROM events WHERE is_featured AND deleted_at IS NULL AND status IN ('PUBLISHED','CANCELLED') AND ends_at > now()`,
      )
    ).map((row) => row.slug);
    expect(featuredSlugs).toContain(featured.slug);
    expect(featuredSlugs.length).toBeLessThan(PAGE_SIZE);

    await page.goto("/");
    const firstPage = await cardSlugs(page);
    // The featured block opens page 1 (soonest first inside it), so an event a year away still comes first.
    expect(firstPage.slice(0, featuredSlugs.length).sort()).toEqual([...featuredSlugs].sort());
    for (const index of featuredSlugs.keys()) {
      await expect(cards(page).nth(index).getByText("Featured", { exact: true })).toBeVisible();
    }
    await expect(cards(page).nth(featuredSlugs.length).getByText("Featured", { exact: true })).toHaveCount(0);
    const card = cards(page).filter({ hasText: featured.title });
    await expect(card).toHaveCount(1);
    await expect(card.getByText("Featured", { exact: true })).toBeVisible();
    await expect(card.getByText("Rp 150.000", { exact: true })).toBeVisible();

    // Across all pages it appears once.
    const total = await countPublicUpcomingEvents();
    const all = [...firstPage];
    for (let pageNumber = 2; pageNumber <= Math.ceil(total / PAGE_SIZE); pageNumber++) {
      await page.goto(`/?page=${pageNumber}`);
      all.push(...(await cardSlugs(page)));
    }
    expect(all.filter((slug) => slug === featured.slug)).toHaveLength(1);
    expect(new Set(all).size).toBe(total);
  });
});

test.describe.serial("inactive reference items", () => {
  test("leave the filters but still show on the events that use them", async ({ page, request }) => {
    const [used] = await query<{ slug: string; location: string; location_slug: string }>(
      `SELECT e.slug, l.name AS location, l.slug AS location_slug FROM events e JOIN locations l ON l.id = e.location_id
       WHERE e.deleted_at IS NULL AND e.status = 'PUBLISHED' AND e.ends_at > now() AND l.slug NOT IN ('ubud', 'canggu')
       ORDER BY e.starts_at LIMIT 1`,
    );
    expect(used).toBeTruthy();
    await query("UPDATE locations SET is_active = false, updated_at = now() WHERE slug = $1", [used!.location_slug]);
    try {
      await clearPublicCaches();
      await page.goto("/");
      await expect(filters(page).location.locator("option")).toHaveCount(25);
      await expect(filters(page).location.locator("option", { hasText: used!.location })).toHaveCount(0);
      const api = (await (await request.get("/api/locations")).json()) as { locations: { slug: string }[] };
      expect(api.locations.map((item) => item.slug)).not.toContain(used!.location_slug);

      await page.goto(`/events/${used!.slug}`);
      await expect(page.locator('dt:text-is("Location") + dd')).toContainText(used!.location);
    } finally {
      await query("UPDATE locations SET is_active = true, updated_at = now() WHERE slug = $1", [used!.location_slug]);
      await clearPublicCaches();
    }
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the filter form still submits with GET and the results still page", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Discover events in Bali" })).toBeVisible();
    await expect(cards(page)).toHaveCount(PAGE_SIZE);
    const form = filters(page);
    await form.location.selectOption({ label: "Ubud" });
    await form.apply.click();
    // A plain GET submission: every field of the form is in the URL.
    await expect(page).toHaveURL(/\/\?q=&when=any&from=&to=&location=ubud&type=&entrance=&lang=&price=&sort=soonest$/);
    await expect(form.location).toHaveValue("ubud");
    await expect(cards(page).first()).toBeVisible();
    await expectEveryLocation(page, "Ubud");

    await page.goto("/");
    await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/\?page=2$/);
    await expect(cards(page)).toHaveCount(PAGE_SIZE);
  });
});
