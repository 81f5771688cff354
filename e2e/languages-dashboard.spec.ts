/**
 * The creator's side in Indonesian: a verified creator opens /id/dashboard/events/new, meets no English word of the
 * interface (only what creators write and proper names), fills the form in Indonesian, ticks "Rusia" beside the
 * default "Inggris" under "Bahasa yang digunakan", and publishes (payments are off in the suite); the dashboard at
 * /id/dashboard lists the event, and it is stored with the languages en and ru.
 */
import { expect, test } from "@playwright/test";
import { latestMailTo, linkIn, logIn, register } from "./support/creator";
import { baliDate, clearRateLimits, closeDb, DAY, query, uniqueWord } from "./support/db";

/** English words of the dashboard and the event form that must not show under /id. */
const ENGLISH = [
  "Dashboard",
  "Post a new event",
  "Payments",
  "Profile",
  "Sign out",
  "Title",
  "Description",
  "Start date",
  "Start time",
  "Repeats",
  "Does not repeat",
  "Duration",
  "Hours",
  "Minutes",
  "Location",
  "Venue name",
  "Event type",
  "Entrance type",
  "Participant group",
  "Led by",
  "Languages spoken",
  "English",
  "Russian",
  "Contact email",
  "Booking link",
  "Cover image",
  "Save draft",
  "Publish",
  "Bali time",
  "Choose",
  "optional",
];

test.describe.serial("the creator's dashboard and event form in Indonesian", () => {
  const word = uniqueWord("kirtan");
  const title = `Kirtan Malam ${word}`;
  const startDate = baliDate(new Date(Date.now() + 9 * DAY));
  const creator = { name: "Wayan Bahasa", email: `bahasa.${Date.now()}@example.test`, password: "gamelan under the banyan tree" };

  test.beforeAll(async () => {
    await clearRateLimits();
  });

  test.afterAll(async () => {
    await closeDb();
  });

  test("posts an event held in English and Russian from /id/dashboard/events/new", async ({ page }) => {
    await register(page, creator);
    await page.goto(linkIn(await latestMailTo(creator.email), "/verify-email"));
    await logIn(page, creator);

    await page.goto("/id/dashboard/events/new");
    await page.locator("form[data-hydrated]").waitFor();
    await expect(page.getByRole("heading", { level: 1, name: "Pasang acara baru" })).toBeVisible();
    const main = page.locator("main");
    const text = await main.innerText();
    for (const english of ENGLISH) expect(text, `“${english}” on /id/dashboard/events/new`).not.toContain(english);

    const field = (label: string) => page.getByLabel(label, { exact: true });
    await expect(field("Email kontak")).toHaveValue(creator.email);
    await field("Judul").fill(title);
    await field("Deskripsi").fill("Nyanyian bersama di bawah bulan purnama.");
    await field("Tanggal mulai").fill(startDate);
    await field("Jam mulai").selectOption("19:30");
    await field("Jam").selectOption("2");
    await field("Menit").selectOption("0");
    await field("Lokasi").selectOption("ubud");
    await field("Nama tempat").fill("Bale Banjar");
    await field("Jenis acara").selectOption("sound-healing");
    await field("Jenis tiket masuk").selectOption("free");

    const languages = page.getByRole("group", { name: "Bahasa yang digunakan" });
    await expect(languages.getByRole("checkbox", { name: "Inggris", exact: true })).toBeChecked();
    await expect(languages.getByRole("checkbox", { name: "Rusia", exact: true })).not.toBeChecked();
    await languages.getByRole("checkbox", { name: "Rusia", exact: true }).check();

    await page.getByRole("button", { name: "Terbitkan", exact: true }).click();
    await expect(page).toHaveURL(/\/id\/dashboard\?notice=published$/);
    await expect(page.getByText("Acara Anda sudah tayang.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: `Selamat datang, ${creator.name}` })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: title });
    await expect(row.getByText("Terbit", { exact: true })).toBeVisible();
    await expect(row.getByRole("link", { name: `Ubah ${title}` })).toHaveAttribute("href", /^\/id\/dashboard\/events\/[0-9a-f-]{36}\/edit$/);
    const dashboard = await page.locator("main").innerText();
    for (const english of ["Welcome", "My events", "Total events", "Upcoming", "Views", "Actions", "Edit", "Duplicate", "Delete", "Your event is live"]) {
      expect(dashboard, `“${english}” on /id/dashboard`).not.toContain(english);
    }

    const [stored] = await query<{ languages: string[]; status: string }>("SELECT languages, status FROM events WHERE title = $1", [title]);
    expect(stored).toEqual({ languages: ["en", "ru"], status: "PUBLISHED" });
  });

  test("a refused form answers in Indonesian and keeps the ticked languages", async ({ page }) => {
    await logIn(page, creator);
    await page.goto("/id/dashboard/events/new");
    await page.locator("form[data-hydrated]").waitFor();
    const languages = page.getByRole("group", { name: "Bahasa yang digunakan" });
    await languages.getByRole("checkbox", { name: "Inggris", exact: true }).uncheck();
    await page.getByRole("button", { name: "Simpan draf", exact: true }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Harap perbaiki kolom yang ditandai." });
    await expect(alert).toContainText("Harap perbaiki kolom yang ditandai.");
    await expect(alert).toContainText("Judul: Masukkan judul.");
    await expect(alert).toContainText("Bahasa yang digunakan: Pilih setidaknya satu bahasa.");
    await expect(languages.getByRole("checkbox", { name: "Inggris", exact: true })).not.toBeChecked();
  });

  test("in Russian, the form reads the weekly rule back in Russian as the days are ticked", async ({ page }) => {
    let tuesday = new Date(Date.now() + 3 * DAY);
    while (new Date(`${baliDate(tuesday)}T12:00:00Z`).getUTCDay() !== 2) tuesday = new Date(tuesday.getTime() + DAY);
    await logIn(page, creator);
    await page.goto("/ru/dashboard/events/new");
    await page.locator("form[data-hydrated]").waitFor();
    await expect(page.getByRole("heading", { level: 1, name: "Разместить событие" })).toBeVisible();
    const text = await page.locator("main").innerText();
    for (const english of ENGLISH) expect(text, `“${english}” on /ru/dashboard/events/new`).not.toContain(english);

    const field = (label: string) => page.getByLabel(label, { exact: true });
    await field("Дата начала").fill(baliDate(tuesday));
    await field("Время начала").selectOption("07:00");
    await field("Повтор").selectOption("weekly");
    const summary = page.locator("#event-repeat-summary");
    await expect(summary).toHaveText("По вторникам в 07:00");
    await page.getByRole("group", { name: "По дням" }).getByRole("checkbox", { name: "чт", exact: true }).check();
    await expect(summary).toHaveText("По вторникам и четвергам в 07:00");
    await expect(page.getByRole("group", { name: "Языки" }).getByRole("checkbox", { name: "Английский", exact: true })).toBeChecked();
  });
});
