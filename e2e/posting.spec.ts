/**
 * Posting an event, end to end: a new creator registers, verifies the email,
 * logs in, fills in every field of "Post a new event" and publishes; an
 * anonymous visitor finds the event by search and opens its page; an edit is
 * live at once; a refused form keeps everything typed; another creator gets a
 * real 404 for the edit URL.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { latestMailTo, linkIn, logIn, register } from "./support/creator";
import { baliDate, clearRateLimits, closeDb, DAY, query, uniqueWord } from "./support/db";

/** A page in a fresh browser context: nobody signed in. */
async function anonymousPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

function eventForm(page: Page) {
  const field = (label: string) => page.getByLabel(label, { exact: true });
  return {
    title: field("Title"),
    description: field("Description"),
    startDate: field("Start date"),
    startTime: field("Start time"),
    days: field("Days"),
    hours: field("Hours"),
    minutes: field("Minutes"),
    location: field("Location"),
    venueName: field("Venue name"),
    venueAddress: field("Venue address (optional)"),
    eventType: field("Event type"),
    entranceType: field("Entrance type"),
    entranceFee: field("Entrance fee (Rp)"),
    participantGroup: field("Participant group"),
    ledBy: field("Led by (optional)"),
    contactEmail: field("Contact email"),
    contactPhone: field("Contact phone (WhatsApp, optional)"),
    bookingUrl: field("Booking link (optional)"),
  };
}

test.describe.serial("posting an event", () => {
  const word = uniqueWord("gong");
  const title = `Full Moon Gong Bath ${word}`;
  const editedTitle = `New Moon Gong Bath ${word}`;
  const startDate = baliDate(new Date(Date.now() + 10 * DAY));
  const creator = { name: "Komang Poster", email: `poster.${Date.now()}@example.test`, password: "frangipani at the temple gate" };
  const stranger = { name: "Nyoman Stranger", email: `stranger.${Date.now()}@example.test`, password: "rice terraces after the rain" };
  let eventPath = "";
  let editPath = "";

  test.beforeAll(async () => {
    await clearRateLimits(); // other specs register and sign in from the same IP
  });

  test.afterAll(async () => {
    await closeDb();
  });

  test("a new creator registers, verifies the email, fills in every field and publishes", async ({ page }) => {
    await register(page, creator);
    await page.goto(linkIn(await latestMailTo(creator.email), "/verify-email"));
    await expect(page.getByRole("heading", { name: "Your email is verified" })).toBeVisible();
    await logIn(page, creator);

    await page.getByRole("link", { name: "Post a new event" }).first().click();
    await expect(page).toHaveURL(/\/dashboard\/events\/new$/);
    await expect(page.getByRole("heading", { level: 1, name: "Post a new event" })).toBeVisible();

    const form = eventForm(page);
    await expect(form.contactEmail).toHaveValue(creator.email); // defaults to the creator's email
    await form.title.fill(title);
    await form.description.fill("Gongs, bowls and a cup of ginger tea.\nBring a mat and a blanket.");
    await form.startDate.fill(startDate);
    await form.startTime.selectOption("19:30");
    await form.days.fill("0");
    await form.hours.selectOption("2");
    await form.minutes.selectOption("15");
    await form.location.selectOption({ label: "Ubud" });
    await form.venueName.fill("Pyramids of Chi");
    await form.venueAddress.fill("Jl. Raya Goa Gajah, Peliatan");
    await form.eventType.selectOption({ label: "Sound Healing" });
    await form.entranceType.selectOption({ label: "Pay at Site" });
    await form.entranceFee.fill("150.000");
    await form.participantGroup.selectOption({ label: "Open" });
    await form.ledBy.fill("Ketut Gong");
    await form.contactEmail.fill("gongs@example.test");
    await form.contactPhone.fill("+62 812 3456 7890");
    await form.bookingUrl.fill("https://example.test/book/gong");
    await page.getByRole("button", { name: "Publish", exact: true }).click();

    await expect(page).toHaveURL(/\/dashboard\?notice=published$/);
    await expect(page.getByText("Your event is live.")).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: title });
    await expect(row.getByText("Published", { exact: true })).toBeVisible();
    await expect(row).toContainText("19:30"); // Bali time

    eventPath = (await row.getByRole("link", { name: `View ${title}` }).getAttribute("href")) ?? "";
    editPath = (await row.getByRole("link", { name: `Edit ${title}` }).getAttribute("href")) ?? "";
    expect(eventPath).toMatch(/^\/events\/full-moon-gong-bath-gong[a-z]+-[a-z2-9]{6}$/);
    expect(editPath).toMatch(/^\/dashboard\/events\/[0-9a-f-]{36}\/edit$/);

    const [stored] = await query<{ status: string; entrance_fee_idr: number; duration_minutes: number; starts_at: Date }>(
      "SELECT status, entrance_fee_idr, duration_minutes, starts_at FROM events WHERE title = $1",
      [title],
    );
    expect(stored).toMatchObject({ status: "PUBLISHED", entrance_fee_idr: 150_000, duration_minutes: 135 });
    // 19:30 in Bali is 11:30 UTC.
    expect(stored!.starts_at.toISOString()).toBe(`${startDate}T11:30:00.000Z`);
  });

  test("an anonymous visitor finds the event by search and opens its page", async ({ browser, baseURL }) => {
    const page = await anonymousPage(browser, baseURL);
    await page.goto("/");
    await page.getByLabel("Search", { exact: true }).fill(word);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]q=${word}`));
    const card = page.getByTestId("event-card").filter({ hasText: title });
    await expect(card).toHaveCount(1);
    await expect(card.getByText("Rp 150.000")).toBeVisible();
    await card.getByRole("link", { name: title }).click();

    await expect(page).toHaveURL(new RegExp(`${eventPath}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByText("19:30 – 21:45")).toBeVisible();
    await expect(page.getByText("2 hours 15 minutes")).toBeVisible();
    await expect(page.getByText("Pyramids of Chi, Ubud")).toBeVisible();
    await expect(page.getByText("Jl. Raya Goa Gajah, Peliatan")).toBeVisible();
    await expect(page.getByText("Ketut Gong")).toBeVisible();
    await expect(page.getByText("Bring a mat and a blanket.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Book now" })).toHaveAttribute("href", "https://example.test/book/gong");
    await expect(page.getByRole("link", { name: "Email organiser" })).toHaveAttribute("href", /^mailto:gongs@example\.test/);
    await expect(page.getByRole("link", { name: "WhatsApp / Call" })).toHaveAttribute("href", "https://wa.me/6281234567890");
    await page.context().close();
  });

  test("an edit to the title is on the public page at once", async ({ page, browser, baseURL }) => {
    // Load the public page first, so that a stale cache would show.
    const visitor = await anonymousPage(browser, baseURL);
    await visitor.goto(eventPath);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(title);

    await logIn(page, creator);
    await page.goto(editPath);
    await expect(page.getByRole("heading", { level: 1, name: "Edit event" })).toBeVisible();
    const form = eventForm(page);
    await expect(form.title).toHaveValue(title);
    await expect(form.startDate).toHaveValue(startDate);
    await expect(form.startTime).toHaveValue("19:30");
    await expect(form.entranceFee).toHaveValue("150000");
    await form.title.fill(editedTitle);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(/\/dashboard\?notice=updated-live$/);
    await expect(page.getByText("Your changes are live.")).toBeVisible();

    await visitor.reload();
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(editedTitle);
    expect(visitor.url()).toMatch(new RegExp(`${eventPath}$`)); // the public URL did not change
    await visitor.goto(`/?q=${word}`);
    await expect(visitor.getByTestId("event-card").getByRole("heading")).toHaveText([editedTitle]);
    await visitor.context().close();
  });

  test("a refused form keeps everything that was typed, with a message on each field", async ({ page, browser }) => {
    await logIn(page, creator);
    await page.goto("/dashboard/events/new");
    const form = eventForm(page);
    const typed = {
      title: `Cacao Circle ${word}`,
      description: "Ceremonial cacao.\nWomen and men welcome.",
      venueName: "Rumah Cacao",
      venueAddress: "Jl. Pantai Batu Bolong",
      entranceFee: "50.000",
      ledBy: "Ibu Sari",
      contactEmail: "cacao@example.test",
      contactPhone: "0812 9999 0000",
      bookingUrl: "javascript:alert(1)",
    };
    await form.title.fill(typed.title);
    await form.description.fill(typed.description);
    await form.startDate.fill(startDate);
    await form.startTime.selectOption("08:45");
    await form.days.fill("1");
    await form.hours.selectOption("3");
    await form.minutes.selectOption("30");
    await form.location.selectOption({ label: "Canggu" });
    await form.venueName.fill(typed.venueName);
    await form.venueAddress.fill(typed.venueAddress);
    await form.eventType.selectOption({ label: "Spiritual Ceremony" });
    await form.entranceType.selectOption({ label: "Free" });
    await form.entranceFee.fill(typed.entranceFee);
    await form.participantGroup.selectOption({ label: "Couples" });
    await form.ledBy.fill(typed.ledBy);
    await form.contactEmail.fill(typed.contactEmail);
    await form.contactPhone.fill(typed.contactPhone);
    await form.bookingUrl.fill(typed.bookingUrl);
    await page.getByRole("button", { name: "Save draft" }).click();

    await expect(page.getByText("Please correct the highlighted fields.")).toBeVisible();
    await expect(form.entranceFee).toHaveAttribute("aria-invalid", "true");
    await expect(form.entranceFee).toHaveAccessibleDescription(/Free events have no entrance fee\./);
    await expect(form.bookingUrl).toHaveAttribute("aria-invalid", "true");
    await expect(form.bookingUrl).toHaveAccessibleDescription(/Use a link that starts with http:\/\/ or https:\/\//);
    await expect(page).toHaveURL(/\/dashboard\/events\/new$/);

    // Nothing typed is lost: text, dates and every select.
    for (const [key, value] of Object.entries(typed)) await expect(form[key as keyof typeof typed], key).toHaveValue(value);
    await expect(form.startDate).toHaveValue(startDate);
    await expect(form.startTime).toHaveValue("08:45");
    await expect(form.days).toHaveValue("1");
    await expect(form.hours).toHaveValue("3");
    await expect(form.minutes).toHaveValue("30");
    await expect(form.location).toHaveValue("canggu");
    await expect(form.eventType).toHaveValue("spiritual-ceremony");
    await expect(form.entranceType).toHaveValue("free");
    await expect(form.participantGroup).toHaveValue("couples");

    // Correct the two fields and save the draft.
    await form.entranceFee.fill("0");
    await form.bookingUrl.fill("https://example.test/cacao");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page).toHaveURL(/\/dashboard\?notice=saved$/);
    await expect(page.getByText("Event saved as draft.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: typed.title }).getByText("Draft", { exact: true })).toBeVisible();

    // A draft is not public…
    const draftRow = page.getByRole("row").filter({ hasText: typed.title });
    const draftPath = await draftRow.getByRole("link", { name: /^View/ }).getAttribute("href");
    await page.goto(`/?q=cacao+${word}`);
    await expect(page.getByText("No events found")).toBeVisible();
    // …but its owner can preview it, and nobody else can see it.
    await page.goto(draftPath!);
    await expect(page.getByText("Preview — not public")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: typed.title })).toBeVisible();
    const anonymous = await browser.newContext();
    const response = await (await anonymous.newPage()).goto(draftPath!);
    expect(response?.status()).toBe(404);
    await anonymous.close();
  });

  test("another creator gets a 404 for the edit URL", async ({ page }) => {
    await register(page, stranger);
    await logIn(page, stranger);
    for (const url of [editPath, editPath.replace(/\/edit$/, "/delete"), editPath.replace(/\/edit$/, "/cancel")]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
      await expect(page.getByText(editedTitle)).toHaveCount(0);
    }
    await page.goto("/dashboard?show=all");
    await expect(page.getByText(editedTitle)).toHaveCount(0);
  });
});
