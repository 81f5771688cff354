/**
 * A weekly class, end to end (issue 11's "Done when"): a creator posts "Sunrise Flow, every Tue and Thu at 07:00
 * until <date>" once and publishes it once; a visitor sees one card on /, every date in /?dates=all and on
 * /calendar, and can add the whole series to a calendar; the creator moves one date to 08:00 ("this date only"),
 * cancels another, then changes the rest to 07:30 ("this and following"), and all three show everywhere.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { latestMailTo, linkIn, logIn, register } from "./support/creator";
import { baliDate, clearRateLimits, closeDb, DAY, query, uniqueWord } from "./support/db";
import { parseVEvents } from "./support/ics";

async function anonymousPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

const WEEKDAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** The next Tuesday at least 4 days away, in Bali. */
function nextTuesday(): string {
  let date = baliDate(new Date(Date.now() + 4 * DAY));
  while (WEEKDAY_CODES[new Date(`${date}T00:00:00Z`).getUTCDay()] !== "TU") date = addDays(date, 1);
  return date;
}
/** "8 Dec 2026", as the site writes a date in the summary. */
const shortDate = (date: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }).format(new Date(`${date}T00:00:00Z`));
/** The ISO week of a date ("2026-W50"). */
function isoWeek(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * DAY);
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / DAY / 7 - (3 - ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${String(thursday.getUTCFullYear())}-W${String(week).padStart(2, "0")}`;
}

test.describe.serial("a weekly class, posted once", () => {
  const word = uniqueWord("flow");
  const title = `Sunrise Flow ${word}`;
  const first = nextTuesday();
  const until = addDays(first, 16); // six dates: Tue, Thu × 3 weeks
  const dates = [0, 2, 7, 9, 14, 16].map((days) => addDays(first, days));
  const creator = { name: "Made Flow", email: `flow.${Date.now()}@example.test`, password: "sunrise over mount agung" };

  test.beforeAll(async () => {
    await clearRateLimits();
  });
  test.afterAll(async () => {
    await closeDb();
  });

  test("the creator posts it once, reads the rule back, and publishes once", async ({ page }) => {
    await register(page, creator);
    await page.goto(linkIn(await latestMailTo(creator.email), "/verify-email"));
    await logIn(page, creator);
    await page.goto("/dashboard/events/new");
    await page.locator("form[data-hydrated]").waitFor();
    const field = (label: string) => page.getByLabel(label, { exact: true });
    await field("Title").fill(title);
    await field("Description").fill("Vinyasa at sunrise, by the rice fields.");
    await field("Start date").fill(first);
    await field("Start time").selectOption("07:00");
    await field("Hours").selectOption("1");
    await field("Minutes").selectOption("15");
    await field("Repeats").selectOption({ label: "Every week" });
    // The start date's weekday is ticked by default.
    await expect(page.getByRole("checkbox", { name: "Tue" })).toBeChecked();
    await page.getByRole("checkbox", { name: "Thu" }).check();
    await page.getByRole("radio", { name: "On", exact: true }).check();
    await page.getByLabel("End date").fill(until);
    await expect(page.locator("#event-repeat-summary")).toHaveText(`Every Tue and Thu at 07:00 until ${shortDate(until)}`);
    await field("Location").selectOption({ label: "Ubud" });
    await field("Venue name").fill("Yoga Barn");
    await field("Event type").selectOption({ label: "Yoga" });
    await field("Entrance type").selectOption({ label: "Pay at Site" });
    await field("Entrance fee (Rp)").fill("150.000");
    await field("Contact email").fill("flow@example.test");
    await page.getByRole("button", { name: "Publish", exact: true }).click();

    await expect(page).toHaveURL(/\/dashboard\?notice=published$/);
    const rows = page.getByRole("row").filter({ hasText: title });
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText("Every Tue and Thu · 6 upcoming dates");
    const stored = await query<{ day: string; status: string }>(
      "SELECT to_char(starts_at AT TIME ZONE 'Asia/Makassar', 'YYYY-MM-DD HH24:MI') AS day, status::text FROM events WHERE title = $1 ORDER BY starts_at",
      [title],
    );
    expect(stored).toEqual(dates.map((date) => ({ day: `${date} 07:00`, status: "PUBLISHED" })));
    const payments = await query("SELECT 1 FROM payments p JOIN events e ON e.id = p.event_id WHERE e.title = $1", [title]);
    expect(payments).toHaveLength(0); // payments are off on this server: one "Publish" published all six
  });

  test("a visitor sees one card on /, every date with ?dates=all and on /calendar, and can add the whole series", async ({ browser, baseURL }) => {
    const page = await anonymousPage(browser, baseURL);
    await page.goto(`/?q=${word}`);
    const cards = page.getByTestId("event-card");
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText("Every Tue and Thu");
    await expect(page.getByRole("heading", { name: "1 event" })).toBeVisible();

    await page.getByLabel("Show every date of repeating events").check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/dates=all/);
    await expect(cards).toHaveCount(6);

    await page.goto(`/calendar?week=${isoWeek(first)}&q=${word}`);
    const agenda = page.getByRole("main");
    await expect(agenda.getByRole("link", { name: title })).toHaveCount(2);

    await cards
      .first()
      .waitFor({ state: "detached" })
      .catch(() => undefined);
    await page.goto(`/?q=${word}`);
    await cards.first().getByRole("link", { name: title }).click();
    await expect(page.getByText("Repeats every Tue and Thu")).toBeVisible();
    const ics = await page.request.get(`${new URL(page.url()).pathname}/event.ics`);
    expect(ics.status()).toBe(200);
    const text = await ics.text();
    expect(text).toContain("RRULE:FREQ=WEEKLY");
    expect(text).toContain("BYDAY=TU,TH");
    expect(text).toContain(`DTSTART;TZID=Asia/Makassar:${first.replace(/-/g, "")}T070000`);
    expect(parseVEvents(text).length).toBeGreaterThanOrEqual(1);
  });

  test("the creator moves one date to 08:00, cancels another, and changes the rest to 07:30", async ({ page }) => {
    await logIn(page, creator);
    const row = page.getByRole("row").filter({ hasText: title });
    await row.getByRole("link", { name: `Edit ${title}` }).click();
    const dateLinks = page.getByRole("navigation", { name: "Dates of this series" }).getByRole("link");
    await expect(dateLinks).toHaveCount(6);

    // The second date (Thursday) at 08:00, this date only.
    await page.goto((await dateLinks.nth(1).getAttribute("href")) ?? "");
    await page.locator("form[data-hydrated]").waitFor();
    await page.getByLabel("Start time", { exact: true }).selectOption("08:00");
    await page.getByRole("button", { name: "Save this date only" }).click();
    await expect(page).toHaveURL(/\/dashboard\?notice=updated-live$/);

    // The third date: cancelled.
    await row.getByRole("link", { name: `Edit ${title}` }).click();
    const third = (await dateLinks.nth(2).getAttribute("href")) ?? "";
    await dateLinks.nth(2).click();
    // The link navigates in the page: wait for the third date's page before pressing its button.
    await expect(page).toHaveURL(new RegExp(`${third}$`));
    await page.getByRole("button", { name: "Cancel this date" }).click();
    await expect(page).toHaveURL(/\/dashboard\?notice=date-cancelled$/);

    // From the fourth date on: 07:30.
    await row.getByRole("link", { name: `Edit ${title}` }).click();
    await page.goto((await dateLinks.nth(3).getAttribute("href")) ?? "");
    await page.locator("form[data-hydrated]").waitFor();
    await page.getByLabel("Start time", { exact: true }).selectOption("07:30");
    await page.getByRole("button", { name: "Save this and following dates" }).click();
    await expect(page).toHaveURL(/\/dashboard\?notice=following-updated$/);
    await expect(page.getByText("Your changes are live on this date and the following ones.")).toBeVisible();

    const stored = await query<{ day: string; status: string }>(
      "SELECT to_char(starts_at AT TIME ZONE 'Asia/Makassar', 'YYYY-MM-DD HH24:MI') AS day, status::text FROM events WHERE title = $1 AND deleted_at IS NULL ORDER BY series_date",
      [title],
    );
    expect(stored).toEqual([
      { day: `${dates[0]!} 07:00`, status: "PUBLISHED" },
      { day: `${dates[1]!} 08:00`, status: "PUBLISHED" },
      { day: `${dates[2]!} 07:00`, status: "CANCELLED" },
      { day: `${dates[3]!} 07:30`, status: "PUBLISHED" },
      { day: `${dates[4]!} 07:30`, status: "PUBLISHED" },
      { day: `${dates[5]!} 07:30`, status: "PUBLISHED" },
    ]);
  });

  test("all three show for a visitor: on /?dates=all, on /calendar, on a date's page and in the whole series' calendar", async ({ browser, baseURL }) => {
    const page = await anonymousPage(browser, baseURL);
    await page.goto(`/?q=${word}&dates=all`);
    const cards = page.getByTestId("event-card");
    await expect(cards).toHaveCount(6);
    await expect(cards.nth(0)).toContainText("07:00");
    await expect(cards.nth(1)).toContainText("08:00");
    await expect(cards.nth(2)).toContainText("Cancelled");
    for (const index of [3, 4, 5]) await expect(cards.nth(index)).toContainText("07:30");

    await page.goto(`/calendar?week=${isoWeek(first)}&q=${word}`);
    await expect(page.getByRole("main")).toContainText("08:00");

    await page.goto(`/?q=${word}`);
    await expect(cards).toHaveCount(1);
    await cards.first().getByRole("link", { name: title }).click();
    const nextDates = page.getByRole("region", { name: "Next dates" }).or(page.locator("section", { has: page.getByRole("heading", { name: "Next dates" }) }));
    await expect(nextDates).toContainText("Cancelled");

    const ics = await (await page.request.get(`${new URL(page.url()).pathname}/event.ics`)).text();
    expect(ics).toContain(`EXDATE;TZID=Asia/Makassar:${dates[2]!.replace(/-/g, "")}T`);
    expect(ics).toMatch(new RegExp(`RECURRENCE-ID;TZID=Asia/Makassar:${dates[1]!.replace(/-/g, "")}T\\d{6}`));
    expect(ics).toContain(`${dates[1]!.replace(/-/g, "")}T080000`);
    // The series is at 07:30 now; its first date keeps 07:00 as an override.
    expect(ics).toContain(`DTSTART;TZID=Asia/Makassar:${dates[0]!.replace(/-/g, "")}T073000`);
    expect(ics).toContain(`RECURRENCE-ID;TZID=Asia/Makassar:${dates[0]!.replace(/-/g, "")}T073000`);
    expect(ics).toContain(`DTSTART;TZID=Asia/Makassar:${dates[0]!.replace(/-/g, "")}T070000`);
  });
});
