/**
 * A visitor walks the site in Bahasa Indonesia and in Russian (issue 12's quality bar): filters the listing by the
 * language an event is held in, opens the event, adds it to their calendar, and meets no English word on the way
 * outside the event's own text and proper names.
 */
import { expect, test, type Page } from "@playwright/test";
import { clearPublicCaches, closeDb, DAY, deleteInsertedData, insertEvent, uniqueWord } from "./support/db";

const word = uniqueWord("walk");
const title = `Kirtan ${word}`;
const description = `Chanting by the river ${word}.`;
const venueName = "Taman Sari";
let slug = "";

/**
 * Words of the site's English interface. None may be visible on a page in another language (event text, names
 * of people and places, and brands are taken out first).
 */
const ENGLISH_UI_WORDS = [
  "Event",
  "Events",
  "Date",
  "Time",
  "When",
  "Where",
  "Location",
  "Organiser",
  "Calendar",
  "Share",
  "Report",
  "Free",
  "Filters",
  "Search",
  "Apply",
  "Any",
  "All",
  "Language",
  "Languages",
  "Next",
  "Previous",
  "Price",
  "Sort",
  "Entrance",
  "Participants",
  "Duration",
  "Cancelled",
  "Featured",
  "About",
  "Contact",
  "Book",
  "Email",
  "Led by",
  "Repeats",
  "Every",
  "hours",
  "minutes",
  "Log in",
  "Post",
  "Visitors",
  "This week",
  "Save",
  "Saved",
  "Remove",
  "Open to all",
  "Pay at Site",
  "Sound Healing",
];

/**
 * The English interface words visible on the page (each with the text around it), once the event's own text and
 * the proper names are taken out. `withoutCards`: a listing of other people's events, whose cards hold their titles
 * (in any language): the cards are taken off the page first.
 */
async function englishWordsOn(page: Page, { withoutCards = false } = {}): Promise<string[]> {
  if (withoutCards) await page.evaluate(() => document.querySelectorAll('[data-testid="event-card"]').forEach((card) => card.remove()));
  let text = await page.locator("body").innerText();
  for (const own of [
    title,
    description,
    venueName,
    "Jl. Test No. 1",
    "Ketut Tester",
    "Bali Mindful Events",
    "Zen Bali",
    "WhatsApp",
    "Facebook",
    "Telegram",
    "English",
  ]) {
    text = text.split(own).join(" ");
  }
  return ENGLISH_UI_WORDS.flatMap((english) => {
    const match = new RegExp(`(^|[^\\p{L}])${english}($|[^\\p{L}])`, "u").exec(text);
    return match ? [`${english} in "${text.slice(Math.max(0, match.index - 30), match.index + english.length + 30).replace(/\s+/g, " ")}"`] : [];
  });
}

test.beforeAll(async () => {
  const event = await insertEvent({
    title,
    description,
    venueName,
    startsAt: new Date(Date.now() + 4 * DAY),
    location: "ubud",
    eventType: "sound-healing",
    feeIdr: 150_000,
    languages: ["en", "ru"],
  });
  slug = event.slug;
  // An event in English only, which the language filter must leave out.
  await insertEvent({ title: `Breathwork ${word}`, startsAt: new Date(Date.now() + 4 * DAY), location: "ubud" });
  await clearPublicCaches();
});

test.afterAll(async () => {
  await deleteInsertedData();
  await clearPublicCaches();
  await closeDb();
});

test("in Russian: filter by language, open the event, add it to the calendar, no English on the way", async ({ page, request }) => {
  await page.goto("/ru");
  expect(await englishWordsOn(page, { withoutCards: true })).toEqual([]);
  await page.goto("/ru");

  await page.getByLabel("Поиск", { exact: true }).fill(word);
  await page.getByLabel("Язык", { exact: true }).selectOption({ label: "Русский" });
  await page.getByRole("button", { name: "Применить фильтры" }).click();
  await expect(page).toHaveURL(new RegExp(`/ru\\?q=${word}&.*lang=ru`));
  const cards = page.getByTestId("event-card");
  await expect(cards).toHaveCount(1);
  await expect(page.getByLabel("Язык", { exact: true })).toHaveValue("ru");
  expect(await englishWordsOn(page)).toEqual([]);

  await cards.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/ru/events/${slug}$`));
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("Языки: английский, русский")).toBeVisible();
  await expect(page.getByText("по балийскому времени (WITA)", { exact: true })).toBeVisible();
  await expect(page.getByText(/150\s000\sRp/).first()).toBeVisible();
  expect(await englishWordsOn(page)).toEqual([]);

  const addToCalendar = page.getByRole("link", { name: "Добавить в календарь" });
  const href = await addToCalendar.getAttribute("href");
  expect(href).toBe(`/events/${slug}/event.ics`);
  const ics = await request.get(href!);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toMatch(/^text\/calendar/);
  expect(await ics.text()).toContain(`SUMMARY:${title}`);

  const ldJson = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}") as Record<string, unknown>;
  expect(ldJson.inLanguage).toEqual(["en", "ru"]);
  expect(ldJson.url).toMatch(new RegExp(`/ru/events/${slug}$`));
  await expect(page.locator('head link[rel="alternate"][hreflang="id"]')).toHaveAttribute("href", new RegExp(`/id/events/${slug}$`));
  await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/ru/events/${slug}$`));

  // Saving it: /ru/saved, in Russian only.
  await page.getByRole("button", { name: "Сохранить", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/ru/saved\\?saved=${slug}`));
  await expect(page.getByRole("status")).toContainText(`Сохранено: ${title}`);
  await expect(page.getByRole("region", { name: "Предстоящие" }).getByRole("heading", { level: 3 })).toHaveText([title]);
  expect(await englishWordsOn(page)).toEqual([]);
});

test("in Indonesian: the same walk, and an event in English only is left out by 'Rusia'", async ({ page }) => {
  await page.goto(`/id?q=${word}`);
  await expect(page.getByTestId("event-card")).toHaveCount(2);
  await page.getByLabel("Bahasa", { exact: true }).selectOption({ label: "Rusia" });
  await page.getByRole("button", { name: "Terapkan filter" }).click();
  await expect(page).toHaveURL(new RegExp(`/id\\?q=${word}&.*lang=ru`));
  await expect(page.getByTestId("event-card")).toHaveCount(1);
  expect(await englishWordsOn(page)).toEqual([]);

  await page.getByTestId("event-card").getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/id/events/${slug}$`));
  await expect(page.getByText("Dalam bahasa Inggris, Rusia")).toBeVisible();
  await expect(page.getByRole("link", { name: "Tambahkan ke kalender" })).toHaveAttribute("href", `/events/${slug}/event.ics`);
  expect(await englishWordsOn(page)).toEqual([]);

  await page.getByRole("link", { name: "Laporkan acara ini" }).click();
  await expect(page).toHaveURL(new RegExp(`/id/events/${slug}/report$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Laporkan acara ini");
  await page.getByRole("button", { name: "Kirim laporan" }).click();
  await expect(page.getByText("Pilih alasan.")).toBeVisible();
  expect(await englishWordsOn(page)).toEqual([]);
});

test("English stays as it was: 'In English, Russian' and the Language filter with 'Any language'", async ({ page }) => {
  await page.goto(`/?q=${word}`);
  await expect(page.getByLabel("Language", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Language", { exact: true }).locator("option").first()).toHaveText("Any language");
  await page.goto(`/events/${slug}`);
  await expect(page.getByText("In English, Russian")).toBeVisible();
});

test("a language not on the list is reported, not an error", async ({ page, request }) => {
  await page.goto(`/ru?lang=klingon`);
  await expect(page.getByRole("alert").or(page.getByRole("status")).first()).toContainText("lang");
  const api = await request.get("/api/events?lang=klingon");
  expect(api.status()).toBe(422);
});

test("the feeds in Russian, and a language header from a client changes no feed", async ({ request }) => {
  const russian = await request.get(`/ru/feed.xml?q=${word}`);
  expect(russian.status()).toBe(200);
  const rss = await russian.text();
  expect(rss).toContain("<title>Zen Bali — события на Бали</title>");
  expect(rss).toContain("<language>ru</language>");
  expect(rss).toMatch(new RegExp(`<link>[^<]*/ru/events/${slug}</link>`));
  expect(rss).toContain("по времени Бали");

  // iCalendar folds lines at 75 octets: unfold before reading.
  const calendar = (await (await request.get(`/id/events.ics?q=${word}`)).text()).replace(/\r\n[ \t]/g, "");
  expect(calendar).toContain("X-WR-CALNAME:Zen Bali — acara di Bali");
  expect(calendar).toMatch(new RegExp(`URL:[^\\r\\n]*/id/events/${slug}`));

  // An attacker asks for the English feed with the proxy's own header: it stays English (and so does its cached copy).
  for (let attempt = 0; attempt < 2; attempt++) {
    const english = await (await request.get(`/feed.xml?q=${word}`, { headers: { "x-zb-locale": "ru" } })).text();
    expect(english).toContain("<title>Zen Bali — events in Bali</title>");
    expect(english).toContain("<language>en</language>");
  }
});
