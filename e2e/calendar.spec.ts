/**
 * The week agenda (/calendar), the month grid (/calendar/month) and "Tonight"
 * on "/" (the product contract's "Agenda and calendar"), in a real browser.
 */
import { expect, test } from "@playwright/test";
import { baliDate, clearPublicCaches, closeDb, DAY, deleteInsertedData, insertEvent, startOfBaliDay, uniqueWord, type TInsertedEvent } from "./support/db";

const HOUR = 3_600_000;
const word = uniqueWord("cal");
const today = baliDate();
/** An instant at hh:mm in Bali, `days` after today. */
const at = (days: number, hours: number, minutes = 0) => new Date(startOfBaliDay(today).getTime() + days * DAY + hours * HOUR + minutes * 60_000);

const dayName = (date: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" }).format(new Date(`${date}T00:00:00Z`)).replace(",", "");
const monthName = (date: string) => new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" }).format(new Date(`${date}T00:00:00Z`));
const weekdayOfToday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
const mondayOffset = -((weekdayOfToday + 6) % 7);

let tonight: TInsertedEvent;
let tomorrowMorning: TInsertedEvent;
let inCanggu: TInsertedEvent;
let nextWeek: TInsertedEvent;
const busyDay: TInsertedEvent[] = [];

test.beforeAll(async () => {
  // Long enough to be still running tonight whenever the test runs (an ended event leaves "/").
  tonight = await insertEvent({ title: `Tonight Kirtan ${word}`, startsAt: at(0, 23), durationMinutes: 180, feeIdr: 100_000 });
  tomorrowMorning = await insertEvent({ title: `Morning Flow ${word}`, startsAt: at(1, 10) });
  inCanggu = await insertEvent({
    title: `Beach Dance ${word}`,
    startsAt: at(0, 19, 30),
    durationMinutes: 600,
    location: "canggu",
    eventType: "ecstatic-dance",
  });
  nextWeek = await insertEvent({ title: `Next Week Circle ${word}`, startsAt: at(7 + mondayOffset + 2, 18) });
  // Five on one day, 40 days ahead: the month grid shows three and "+2 more".
  for (let index = 0; index < 5; index++) busyDay.push(await insertEvent({ title: `Busy ${String(index)} ${word}`, startsAt: at(40, 8 + index) }));
  await clearPublicCaches();
});

test.afterAll(async () => {
  await deleteInsertedData();
  await closeDb();
});

test("/calendar: this week, Monday to Sunday, one heading per day with each event's time, title, location and price", async ({ page }) => {
  const response = await page.goto(`/calendar?q=${word}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This week in Bali");
  const monday = baliDate(at(mondayOffset, 12));
  const days = Array.from({ length: 7 }, (_, index) => baliDate(at(mondayOffset + index, 12)));
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(days.map(dayName));
  expect(days[0]).toBe(monday);

  const todaySection = page.getByRole("region", { name: dayName(today) });
  const line = todaySection.getByTestId("agenda-event").filter({ hasText: tonight.title });
  await expect(line.locator("time")).toHaveText("23:00");
  await expect(line.getByRole("link", { name: tonight.title })).toHaveAttribute("href", `/events/${tonight.slug}`);
  await expect(line).toContainText("Ubud");
  await expect(line).toContainText("Rp 100.000");
  // By start time within the day: 19:30 in Canggu comes before 23:00.
  await expect(todaySection.getByRole("link")).toHaveText([inCanggu.title, tonight.title]);
  await expect(page.getByRole("link", { name: "This week", exact: true })).toHaveAttribute("href", "/calendar");
});

test("/calendar takes the filters of / and keeps them across weeks", async ({ page }) => {
  await page.goto(`/calendar?q=${word}&location=canggu`);
  await expect(page.getByRole("link", { name: inCanggu.title })).toBeVisible();
  await expect(page.getByRole("link", { name: tonight.title })).toHaveCount(0);
  const form = page.getByRole("search", { name: "Filter events" });
  for (const label of ["Search", "Location", "Event type", "Entrance", "Price"]) await expect(form.getByLabel(label, { exact: true })).toBeVisible();
  await expect(form.getByLabel("When", { exact: true })).toHaveCount(0);

  await form.getByLabel("Location", { exact: true }).selectOption("ubud");
  await form.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/\/calendar\?q=.+&location=ubud\b/);
  await expect(page.getByRole("link", { name: tonight.title })).toBeVisible();

  await page.getByRole("link", { name: "Next week" }).click();
  await expect(page).toHaveURL(/\/calendar\?week=\d{4}-W\d{2}&q=.+&location=ubud$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Next week in Bali");
  await expect(page.getByRole("link", { name: nextWeek.title })).toBeVisible();
  await page.getByRole("link", { name: "Previous week" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This week in Bali");
});

test("a week or month that is not one, or outside one month back to twelve months ahead, is 404", async ({ request }) => {
  const nextYear = Number(today.slice(0, 4)) + 2;
  for (const path of [
    "/calendar?week=soon",
    "/calendar?week=2026-W54",
    `/calendar?week=${String(nextYear)}-W40`,
    "/calendar?week=2020-W10",
    "/calendar/month?month=2026-13",
    `/calendar/month?month=${String(nextYear)}-06`,
    "/calendar/month?month=2020-01",
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
  }
});

test("/calendar/month: a table with the month as caption, Monday to Sunday, up to 3 events a day and +N more", async ({ page }) => {
  const busyDate = baliDate(busyDay[0]!.startsAt);
  const response = await page.goto(`/calendar/month?month=${busyDate.slice(0, 7)}&q=${word}`);
  expect(response?.status()).toBe(200);
  const table = page.getByRole("table", { name: monthName(`${busyDate.slice(0, 7)}-01`) });
  await expect(table).toBeVisible();
  await expect(table.getByRole("columnheader")).toHaveText(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
  const cell = table.getByRole("cell").filter({ has: page.locator(`time[datetime="${busyDate}"]`) });
  await expect(cell.getByTestId("month-event")).toHaveCount(3);
  await expect(cell.getByTestId("month-event").first()).toContainText(`08:00 ${busyDay[0]!.title}`);
  const more = cell.getByRole("link", { name: "+2 more" });
  await expect(more).toHaveAttribute("href", `/?q=${word}&from=${busyDate}&to=${busyDate}`);
  await more.click();
  await expect(page.getByTestId("event-card")).toHaveCount(5);
});

test('"Tonight" on /: events running between 17:00 today and 04:00 tomorrow, Bali time', async ({ page }) => {
  await page.goto("/");
  await expect(page.getByLabel("When", { exact: true }).locator("option", { hasText: "Tonight" })).toHaveAttribute("value", "tonight");
  await page.goto(`/?when=tonight&q=${word}`);
  const titles = await page.getByTestId("event-card").getByRole("heading").allInnerTexts();
  expect(titles.sort()).toEqual([inCanggu.title, tonight.title].sort());
  expect(titles).not.toContain(tomorrowMorning.title);
});
