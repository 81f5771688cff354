/**
 * Saved events and alerts by email, without an account (issue 13): a visitor saves two events, subscribes on /saved
 * with an address, confirms through the mail (the suite's SMTP server), and finds both events in /saved/<token>.ics;
 * the same in Russian; and an alert from a filtered listing becomes a confirmed QUERY alert with exactly the
 * listing's canonical query. The confirmation link's page (a GET) uses nothing up: its button does.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { latestMailTo, linkIn } from "./support/creator";
import { clearPublicCaches, clearRateLimits, closeDb, DAY, deleteInsertedData, insertEvent, query, uniqueWord } from "./support/db";
import { parseVEvents, textOf } from "./support/ics";

test.beforeAll(async () => {
  await clearRateLimits();
});

test.afterAll(async () => {
  await query("DELETE FROM subscribers WHERE email LIKE 'e2e-sub-%'");
  await deleteInsertedData();
  await closeDb();
});

const addressOf = (name: string) => `e2e-sub-${name}-${uniqueWord()}@example.com`;

/** Saves an event from its page (the lead's Save button, a plain form to /saved/add). */
async function save(page: Page, slug: string, locale: "" | "/ru" = "", button = "Save") {
  await page.goto(`${locale}/events/${slug}`);
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${locale}/saved\\?saved=`));
}

/** The private token of the page a confirmation landed on (/saved/<token> or /alerts/<token>). */
function tokenOf(page: Page): string {
  const match = /\/(?:saved|alerts)\/([A-Za-z0-9_-]{43})/.exec(new URL(page.url()).pathname);
  if (!match) throw new Error(`not a subscriber's page: ${page.url()}`);
  return match[1]!;
}

test("a visitor saves two events, subscribes on /saved, confirms by mail and finds both in /saved/<token>.ics", async ({ page, request }) => {
  const word = uniqueWord();
  const yoga = await insertEvent({ title: `Sunrise Yoga ${word}`, startsAt: new Date(Date.now() + 2 * DAY) });
  const dance = await insertEvent({
    title: `Ecstatic Dance ${word}`,
    startsAt: new Date(Date.now() + 4 * DAY),
    location: "canggu",
    eventType: "ecstatic-dance",
  });
  await clearPublicCaches();
  await save(page, yoga.slug);
  await save(page, dance.slug);

  const email = addressOf("en");
  await expect(page.getByRole("heading", { name: "Keep them on any device" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Get these by email and in your calendar" }).click();
  await expect(page).toHaveURL(/\/subscribe\?notice=sent$/);
  await expect(page.getByRole("heading", { level: 1, name: "Check your inbox" })).toBeVisible();

  const mail = await latestMailTo(email);
  expect(mail).toContain("Subject: Confirm your subscription to Zen Bali");
  expect(mail).toContain("- 2 saved events on a private page and in your calendar");
  const link = linkIn(mail, "/subscribe/confirm");

  // Opening the link (what a mail scanner does too) confirms nothing; the button does.
  await page.goto(link);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your subscription" })).toBeVisible();
  await expect(page.getByText("2 saved events on your private page and in your calendar feed")).toBeVisible();
  const [pending] = await query<{ confirmed_at: Date | null }>("SELECT confirmed_at FROM subscribers WHERE email = $1", [email]);
  expect(pending?.confirmed_at).toBeNull();
  await page.getByRole("button", { name: "Confirm" }).click();

  await expect(page).toHaveURL(/\/saved\/[A-Za-z0-9_-]{43}\?confirmed=1$/);
  const token = tokenOf(page);
  await expect(page.getByRole("heading", { level: 1, name: "Your saved events" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Confirmed. Your saved events are here and in your calendar feed.");
  await expect(page.getByRole("region", { name: "Upcoming" }).getByRole("heading", { level: 3 })).toHaveText([yoga.title, dance.title]);
  const feedUrl = `http://127.0.0.1:3107/saved/${token}.ics`;
  await expect(page.getByLabel("Calendar feed address")).toHaveValue(feedUrl);

  const feed = await request.get(`/saved/${token}.ics`);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(feed.headers()["cache-control"]).toBe("private, no-store");
  const vevents = parseVEvents(await feed.text());
  expect(vevents.map((event) => [textOf(event.summary), event.uid])).toEqual([
    [yoga.title, `${yoga.id}@zenbali`],
    [dance.title, `${dance.id}@zenbali`],
  ]);
  // The same event has the same UID in the site's public feed: a calendar app holds it once.
  expect(await (await request.get("/events.ics")).text()).toContain(`UID:${dance.id}@zenbali`);

  // The link works once; an unknown token is a 404.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "This link no longer works" })).toBeVisible();
  expect((await request.get(`/saved/${"A".repeat(43)}.ics`)).status()).toBe(404);
  expect((await request.get(`/saved/${"A".repeat(43)}`)).status()).toBe(404);

  // This browser now shows the feed on /saved instead of the form.
  await page.goto("/saved");
  await expect(page.getByLabel("Calendar feed address")).toHaveValue(feedUrl);
  await expect(page.getByRole("button", { name: "Get these by email and in your calendar" })).toHaveCount(0);

  // Remove on the private page takes it out of the feed.
  await page.goto(`/saved/${token}`);
  await page.getByRole("region", { name: "Upcoming" }).getByRole("listitem").filter({ hasText: yoga.title }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("status")).toHaveText("Removed from your list.");
  expect(parseVEvents(await (await request.get(`/saved/${token}.ics`)).text()).map((event) => event.uid)).toEqual([`${dance.id}@zenbali`]);
});

test("in Russian: the form on /ru/saved, a Russian confirmation mail with its /ru/ link, and /ru/saved/<token>", async ({ page }) => {
  const word = uniqueWord();
  const event = await insertEvent({ title: `Kirtan ${word}`, startsAt: new Date(Date.now() + 3 * DAY) });
  await clearPublicCaches();
  await save(page, event.slug, "/ru", "Сохранить");

  const email = addressOf("ru");
  await expect(page.getByRole("heading", { name: "Сохраните их на любом устройстве" })).toBeVisible();
  await page.getByLabel("Электронная почта", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Получать их по почте и в календаре" }).click();
  await expect(page).toHaveURL(/\/ru\/subscribe\?notice=sent$/);
  await expect(page.getByRole("heading", { level: 1, name: "Проверьте почту" })).toBeVisible();

  const mail = await latestMailTo(email);
  expect(mail).toMatch(/^Subject: Подтвердите подписку на Zen Bali$/m);
  expect(mail).toContain("Здравствуйте!");
  expect(mail).toContain("- 1 сохранённое событие на личной странице и в вашем календаре");
  const link = linkIn(mail, "/ru/subscribe/confirm");
  await page.goto(link);
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await page.getByRole("button", { name: "Подтвердить" }).click();
  await expect(page).toHaveURL(/\/ru\/saved\/[A-Za-z0-9_-]{43}\?confirmed=1$/);
  await expect(page.getByRole("heading", { level: 1, name: "Ваши сохранённые события" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Предстоящие" }).getByRole("heading", { level: 3 })).toHaveText([event.title]);
});

test("an alert from /?location=canggu&type=ecstatic-dance becomes a confirmed QUERY alert with exactly the canonical query", async ({ page }) => {
  await clearPublicCaches();
  const email = addressOf("alert");
  // Reordered, with a page and a tracking parameter: the form carries the canonical query all the same.
  await page.goto("/?type=ecstatic-dance&utm_source=newsletter&location=canggu");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Email me new events like these" }).click();
  await expect(page).toHaveURL(/\/subscribe\?notice=sent$/);
  await expect(page.getByRole("heading", { level: 1, name: "Check your inbox" })).toBeVisible();

  const mail = await latestMailTo(email);
  expect(mail).toContain("- A weekly email with new events like these: http://127.0.0.1:3107/?location=canggu&type=ecstatic-dance");
  await page.goto(linkIn(mail, "/subscribe/confirm"));
  await expect(page.getByRole("link", { name: "these" })).toHaveAttribute("href", "/?location=canggu&type=ecstatic-dance");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/alerts\/[A-Za-z0-9_-]{43}$/);

  const alerts = await query<{ kind: string; query: string; key: string; confirmed: boolean }>(
    `SELECT a.kind::text, a.query, a.key, a.confirmed_at IS NOT NULL AS confirmed
       FROM alerts a JOIN subscribers s ON s.id = a.subscriber_id WHERE s.email = $1`,
    [email],
  );
  expect(alerts).toEqual([{ kind: "QUERY", query: "location=canggu&type=ecstatic-dance", key: "query:location=canggu&type=ecstatic-dance", confirmed: true }]);
  const [subscriber] = await query<{ token: string; confirmed: boolean }>(
    "SELECT token, confirmed_at IS NOT NULL AS confirmed FROM subscribers WHERE email = $1",
    [email],
  );
  expect(subscriber).toEqual({ token: tokenOf(page), confirmed: true });
});

test("a post from another site is refused", async ({ request }) => {
  const response = await request.post("/subscribe/alert", {
    form: { email: addressOf("csrf"), query: "" },
    headers: { "sec-fetch-site": "cross-site" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
});

test("the subscription pages have no WCAG 2.2 AA violation (axe): sent, a refused address, the confirmation, the private list, an expired link", async ({
  page,
}) => {
  const scan = async (state: string) => {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(
      results.violations.map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
      state,
    ).toEqual([]);
  };
  const event = await insertEvent({ title: `Sound Bath ${uniqueWord()}`, startsAt: new Date(Date.now() + 5 * DAY) });
  await save(page, event.slug);
  await page.goto("/subscribe?notice=email&for=query&query=location%3Dcanggu");
  await scan("a refused address, alert form");
  // The refused-address page gives the /saved form back: subscribe from there.
  await page.goto("/subscribe?notice=email&for=saved");
  await scan("a refused address, saved form");
  const email = addressOf("axe");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Get these by email and in your calendar" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your inbox" })).toBeVisible();
  await scan("check your inbox");
  const link = linkIn(await latestMailTo(email), "/subscribe/confirm");
  await page.goto(link);
  await scan("the confirmation page");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your saved events" })).toBeVisible();
  await scan("the private list");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "This link no longer works" })).toBeVisible();
  await scan("an expired link");
});
