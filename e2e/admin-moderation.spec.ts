/**
 * Moderation: a visitor reports an event, the admins get a mail, an admin
 * dismisses one report and unpublishes the event from a second one (the event
 * leaves the public listing at once and its creator sees the reason); the
 * dashboard draws its two charts; creators and visitors are kept out.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN_EMAIL, logInAsAdmin } from "./support/admin";
import { latestMailTo, logIn, register } from "./support/creator";
import { clearPublicCaches, clearRateLimits, closeDb, DAY, deleteInsertedData, insertEvent, query, uniqueWord, type TInsertedEvent } from "./support/db";

test.describe.configure({ mode: "serial" });

const word = uniqueWord();
const title = `Moonlight Drum Circle ${word}`;
const creator = { name: "Moderated Organiser", email: `moderated.${word}@example.test`, password: "frangipani morning tide" };
const unpublishReason = `Reported as a scam by visitors ${word}`;
let event: TInsertedEvent;

test.beforeAll(async () => {
  await clearRateLimits();
});

test.afterAll(async () => {
  if (event as TInsertedEvent | undefined) await query("DELETE FROM reports WHERE event_id = $1", [event.id]); // unset when beforeAll failed
  await deleteInsertedData();
  await closeDb();
});

/** The newest mail to the admin that mentions this spec's event (other mail may arrive meanwhile). */
async function reportMailForAdmin(): Promise<string> {
  const deadline = Date.now() + 15_000;
  let last = "";
  while (Date.now() < deadline) {
    last = await latestMailTo(ADMIN_EMAIL).catch(() => "");
    if (last.includes(`Event reported: ${title}`)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no report mail for "${title}" reached ${ADMIN_EMAIL}; the newest was:\n${last.slice(0, 500)}`);
}

async function reportAsVisitor(browser: Browser, { reason, details }: { reason: string; details?: string }): Promise<void> {
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(`/events/${event.slug}`);
  await visitor.getByRole("link", { name: "Report this event" }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: "Report this event" })).toBeVisible();
  await visitor.getByLabel("Reason").selectOption({ label: reason });
  if (details) await visitor.getByLabel("Details (optional)").fill(details);
  await visitor.getByRole("button", { name: "Send report" }).click();
  await expect(visitor.getByText("Thank you. Our team will review this event.")).toBeVisible();
  await context.close();
}

const reportRow = (page: Page) => page.getByRole("row").filter({ hasText: title });

test("a creator gets a 404 and a visitor is sent to /login for /admin/moderation", async ({ browser, page }) => {
  await page.goto("/admin/moderation");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fmoderation/);

  const context = await browser.newContext();
  const creatorPage = await context.newPage();
  await register(creatorPage, creator);
  await logIn(creatorPage, creator);
  expect((await creatorPage.goto("/admin/moderation"))?.status()).toBe(404);
  await expect(creatorPage.getByRole("heading", { name: "Moderation" })).toHaveCount(0);
  await context.close();

  // The reported event belongs to this creator, so the spec can show them the reason later.
  const [row] = await query<{ id: string }>("SELECT id FROM users WHERE email = $1", [creator.email]);
  event = await insertEvent({ title, startsAt: new Date(Date.now() + 4 * DAY), creatorId: row!.id });
  await clearPublicCaches();
});

test("a report reaches the admins by mail and the queue; one is dismissed, a second leads to unpublishing with a reason", async ({ browser, page }) => {
  test.setTimeout(120_000);
  expect(event, "the previous test inserts the event").toBeTruthy();

  // 1. A visitor reports the event from its page; the admin gets the mail.
  await reportAsVisitor(browser, { reason: "Spam or misleading", details: `Copied from another site ${word}` });
  const mail = await reportMailForAdmin();
  expect(mail).toContain("Spam or misleading");
  expect(mail).toContain("/admin/moderation");

  // 2. The admin sees it in the queue (open reports by default) and dismisses it.
  await logInAsAdmin(page);
  await page.goto("/admin/moderation");
  await expect(page.getByRole("heading", { level: 1, name: "Moderation" })).toBeVisible();
  await expect(page.getByTestId("open-report-count")).toHaveText(/^\d+ open reports?$/);
  const row = reportRow(page);
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("link", { name: title })).toHaveAttribute("href", `/events/${event.slug}`);
  await expect(row.getByText("Spam or misleading", { exact: true })).toBeVisible();
  await expect(row.getByText(`Copied from another site ${word}`)).toBeVisible();
  await expect(row.getByText("Published", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: `Dismiss ${title}` }).click();
  await expect(page.getByText("Report dismissed.")).toBeVisible();
  await expect(reportRow(page)).toHaveCount(0);

  await page.getByLabel("Status").selectOption({ label: "Dismissed" });
  await page.getByRole("button", { name: "Show reports" }).click();
  await expect(page).toHaveURL(/status=dismissed/);
  await expect(reportRow(page).getByText("Dismissed", { exact: true })).toBeVisible();
  await expect(reportRow(page).getByText(`by ${ADMIN_EMAIL}`, { exact: false })).toBeVisible();

  // The event is still public; a visitor's listing has it (and is now cached).
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/?q=${word}`);
  await expect(visitor.getByRole("link", { name: title })).toBeVisible();

  // 3. A second report; the admin unpublishes the event with a reason for the creator.
  await reportAsVisitor(browser, { reason: "Scam or fraud" });
  await page.goto("/admin/moderation");
  const open = reportRow(page);
  await expect(open).toHaveCount(1);
  await expect(open.getByText("Scam or fraud", { exact: true })).toBeVisible();
  await open.getByLabel("Reason").fill(unpublishReason);
  await open.getByRole("button", { name: `Unpublish event ${title}` }).click();
  await expect(page.getByText(/^Event unpublished\./)).toBeVisible();
  await expect(reportRow(page)).toHaveCount(0);

  // 4. Gone from the public listing within a second, and its page answers 404.
  await visitor.goto(`/?q=${word}`);
  await expect(visitor.getByRole("link", { name: title })).toHaveCount(0, { timeout: 1_000 });
  expect((await visitor.goto(`/events/${event.slug}`))?.status()).toBe(404);
  await visitorContext.close();

  // 5. The report is resolved; the admin can still preview the unpublished event.
  await page.goto("/admin/moderation?status=resolved");
  const resolved = reportRow(page);
  await expect(resolved.getByText("Resolved: event unpublished")).toBeVisible();
  await expect(resolved.getByText(`Reason: ${unpublishReason}`)).toBeVisible();
  await resolved.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Preview — not public")).toBeVisible();

  // 6. The creator sees the reason on their dashboard.
  const creatorContext = await browser.newContext();
  const creatorPage = await creatorContext.newPage();
  await logIn(creatorPage, creator);
  await expect(creatorPage.getByText(`Reason: ${unpublishReason}`)).toBeVisible();
  await creatorContext.close();
});

test("the dashboard draws 'Visitors per day' and 'Events posted per week' as SVG charts with their data", async ({ page }) => {
  await logInAsAdmin(page);
  const charts = [
    { heading: "Visitors per day", bars: 90, label: /^Visitors per day, last 90 days: total [\d,]+, / },
    { heading: "Events posted per week", bars: 13, label: /^Events posted per week, last 13 weeks: total [\d,]+, / },
  ];
  for (const chart of charts) {
    const section = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: chart.heading, exact: true }) });
    const svg = section.locator("figure svg");
    await expect(svg).toBeVisible();
    await expect(svg).toHaveAttribute("role", "img");
    await expect(svg).toHaveAttribute("aria-label", chart.label);
    await expect(svg.locator("rect title")).toHaveCount(chart.bars);
    await expect(section.locator("figure figcaption")).not.toBeEmpty();
    await section.getByText("Show data").click();
    await expect(section.locator("figure table tbody tr")).toHaveCount(chart.bars);
  }
  await expect(page.getByRole("heading", { level: 2, name: "Recent events" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Recent payments" })).toBeVisible();
});
