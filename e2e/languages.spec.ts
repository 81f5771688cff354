/**
 * The site in three languages (issue 12, first slice: the header, the footer and `/`): the language comes from the
 * URL only, `/id` and `/ru` beside the unprefixed English pages; `<html lang>`, hreflang alternates, the switcher to
 * the same page and query in each language, and the listing, its filter form and its cards in the page's language.
 */
import { expect, test } from "@playwright/test";
import { clearPublicCaches, closeDb, DAY, deleteInsertedData, insertEvent, uniqueWord } from "./support/db";

const word = uniqueWord("bahasa");
const title = `Kirtan ${word}`;

test.beforeAll(async () => {
  await insertEvent({ title, description: "Chanting by the river.", startsAt: new Date(Date.now() + 3 * DAY), location: "ubud" });
  await clearPublicCaches();
});

test.afterAll(async () => {
  await deleteInsertedData();
  await clearPublicCaches();
  await closeDb();
});

test("/id and /ru are the listing in Indonesian and Russian, with lang, hreflang and the language switcher", async ({ page }) => {
  await page.goto(`/id?q=${word}&location=ubud`);
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Temukan acara di Bali");
  await expect(page.getByRole("heading", { level: 2, name: "1 acara" })).toBeVisible();
  await expect(page.getByLabel("Cari", { exact: true })).toHaveValue(word);
  await expect(page.getByLabel("Lokasi", { exact: true })).toHaveValue("ubud");
  await expect(page.getByRole("button", { name: "Terapkan filter" })).toBeVisible();
  const card = page.getByTestId("event-card");
  await expect(card).toHaveCount(1);
  await expect(card.getByRole("link", { name: title })).toHaveAttribute("href", /^\/id\/events\//);
  await expect(card).toContainText("Gratis");

  const languages = page.getByRole("navigation", { name: "Pilihan bahasa" });
  await expect(languages.getByRole("link", { name: "English" })).toHaveAttribute("href", `/?q=${word}&location=ubud`);
  await expect(languages.getByRole("link", { name: "Bahasa Indonesia" })).toHaveAttribute("href", `/id?q=${word}&location=ubud`);
  await expect(languages.getByRole("link", { name: "Bahasa Indonesia" })).toHaveAttribute("aria-current", "page");
  await expect(languages.getByRole("link", { name: "Русский" })).toHaveAttribute("href", `/ru?q=${word}&location=ubud`);
  const hreflang = (language: string) => page.locator(`head link[rel="alternate"][hreflang="${language}"]`);
  await expect(hreflang("ru")).toHaveAttribute("href", new RegExp(`/ru\\?q=${word}&location=ubud$`));
  await expect(hreflang("x-default")).toHaveAttribute("href", new RegExp(`/\\?q=${word}&location=ubud$`));
  await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/id\\?q=${word}&location=ubud$`));

  await languages.getByRole("link", { name: "Русский" }).click();
  await expect(page).toHaveURL(new RegExp(`/ru\\?q=${word}&location=ubud$`));
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("События на Бали");
  await expect(page.getByRole("heading", { level: 2, name: "1 событие" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Основное меню" }).getByRole("link", { name: "Эта неделя" })).toHaveAttribute("href", "/ru/calendar");

  // The filter form stays in the language.
  await page.getByLabel("Поиск", { exact: true }).fill(`${word} kirtan`);
  await page.getByRole("button", { name: "Применить фильтры" }).click();
  await expect(page).toHaveURL(/\/ru\?/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");

  await page.getByRole("navigation", { name: "Языки" }).getByRole("link", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Discover events in Bali");
});

test("/ru/calendar and /id/calendar/month are the week and the month in the language, linking within it", async ({ page }) => {
  await page.goto("/ru/calendar");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Эта неделя на Бали");
  await expect(page.getByText(/всё время указано по балийскому времени/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Следующая неделя" })).toHaveAttribute("href", /^\/ru\/calendar\?week=/);
  await expect(page.getByRole("link", { name: "Весь месяц" })).toHaveAttribute("href", /^\/ru\/calendar\/month\?month=/);
  await expect(page.getByRole("list", { name: "Дни недели" }).getByRole("heading", { level: 2 }).first()).toHaveText(/^понедельник, \d{1,2} [а-я]+$/);

  await page.goto("/id/calendar/month");
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  const grid = page.getByRole("table");
  await expect(grid.getByRole("columnheader")).toHaveText(["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]);
  await expect(page.getByRole("link", { name: "Bulan berikutnya" })).toHaveAttribute("href", /^\/id\/calendar\/month\?month=/);
  await expect(page.getByRole("link", { name: "Minggu ini, hari demi hari" })).toHaveAttribute("href", "/id/calendar");
});

test("an English page names its other languages, and each language is cached apart", async ({ request }) => {
  const english = await (await request.get("/")).text();
  expect(english).toMatch(/<html lang="en"/);
  expect(english).toMatch(/<link rel="alternate" hreflang="id" href="[^"]+\/id"/i);
  await clearPublicCaches();
  const first = await request.get(`/ru?q=${word}`);
  expect(first.status()).toBe(200);
  expect(first.headers()["x-zenbali-cache"]).toBe("miss");
  const second = await request.get(`/ru?q=${word}`);
  expect(second.headers()["x-zenbali-cache"]).toBe("hit");
  expect(await second.text()).toContain("События на Бали");
  const indonesian = await request.get(`/id?q=${word}`);
  expect(indonesian.headers()["x-zenbali-cache"]).toBe("miss");
  expect(await indonesian.text()).toContain("Temukan acara di Bali");
});

test("admin pages have no other language, and a language the site does not have is not found", async ({ request }) => {
  expect((await request.get("/id/admin")).status()).toBe(404);
  expect((await request.get("/de")).status()).toBe(404);
});

test("the switcher on pages that navigate in place follows the address, and never repeats a token", async ({ page }) => {
  await page.goto("/ru/verify-email?token=not-a-real-token");
  const switcher = page.getByRole("navigation", { name: "Языки" });
  await expect(switcher.getByRole("link", { name: "English" })).toHaveAttribute("href", "/verify-email");
  await expect(switcher.getByRole("link", { name: "Bahasa Indonesia" })).toHaveAttribute("href", "/id/verify-email");

  await page.goto("/ru/login");
  await expect(switcher.getByRole("link", { name: "Bahasa Indonesia" })).toHaveAttribute("href", "/id/login");
  // A link within the app (no full page load): the header stays, its switcher follows.
  await page.locator("main").getByRole("link", { name: "Создать аккаунт организатора" }).click();
  await expect(page).toHaveURL(/\/ru\/register$/);
  await expect(switcher.getByRole("link", { name: "Bahasa Indonesia" })).toHaveAttribute("href", "/id/register");
  await expect(switcher.getByRole("link", { name: "English" })).toHaveAttribute("href", "/register");
});

test("a path that starts with two slashes never makes the switcher link off the site", async ({ page, baseURL }) => {
  await page.goto(`${baseURL}//evil.example/login`);
  const hrefs = await page.locator("header nav a[hreflang]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  expect(hrefs).toHaveLength(3);
  for (const href of hrefs) expect(href).toMatch(/^\/(?!\/)/);
});
