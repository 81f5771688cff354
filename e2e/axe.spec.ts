/**
 * Every page a visitor, a creator and an admin can reach, scanned with axe-core
 * for WCAG 2.2 AA (tags are inclusion filters: every level is listed), in its
 * main states: empty, filled, and with the errors a person gets from a bad
 * form. 0 violations.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { logInAsAdmin } from "./support/admin";
import { latestMailTo, linkIn, logIn, register } from "./support/creator";
import { clearRateLimits, closeDb, DAY, deleteInsertedData, demoCreatorId, insertEvent, query, uniqueWord, type TInsertedEvent } from "./support/db";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function expectNoViolations(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .map((node) => node.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
  );
  expect(found, `${state} (${page.url()})`).toEqual([]);
}

async function scan(page: Page, path: string, state = path) {
  await page.goto(path);
  await expectNoViolations(page, state);
}

/** Submits a form as a script or an old browser would, past the browser's own checks, to see the server's errors. */
async function submitUnchecked(page: Page, button: string) {
  await page.locator("form").evaluateAll((forms) => forms.forEach((form) => ((form as HTMLFormElement).noValidate = true)));
  await page.getByRole("button", { name: button, exact: true }).click();
}

let event: TInsertedEvent;

test.beforeAll(async () => {
  event = await insertEvent({ title: `Sunrise Breathwork ${uniqueWord()}`, startsAt: new Date(Date.now() + 6 * DAY), location: "canggu" });
});

test.afterAll(async () => {
  await deleteInsertedData();
  await closeDb();
});

test("visitor pages: listing (full, filtered, empty, bad filters), event, organiser, report, sign-in pages, 404", async ({ page }) => {
  test.setTimeout(120_000);
  await clearRateLimits();
  await scan(page, "/", "the listing");
  await scan(page, "/?location=ubud&when=week&price=free", "a filtered listing");
  await scan(page, `/?q=${uniqueWord("nothing")}`, "a listing with no results");
  await scan(page, "/?when=someday&page=x", "a listing with filters that were not valid");
  await scan(page, "/calendar", "the week agenda");
  await scan(page, "/calendar?location=ubud&price=free", "a filtered week agenda");
  await scan(page, "/calendar/month", "the month grid");
  await scan(page, `/events/${event.slug}`, "an event page");
  // A date of one of the demo's weekly classes: "Repeats every …", "Next dates".
  const [seriesDate] = await query<{ slug: string }>(
    "SELECT slug FROM events WHERE series_id IS NOT NULL AND deleted_at IS NULL AND status = 'PUBLISHED' AND ends_at > now() ORDER BY starts_at LIMIT 1",
  );
  await scan(page, `/events/${seriesDate!.slug}`, "a date of a series");
  await scan(page, "/?dates=all", "the listing with every date of a series");
  await scan(page, `/creators/${await demoCreatorId()}`, "an organiser page");
  await scan(page, "/saved", "an empty saved list");
  await page.goto(`/events/${event.slug}`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status")).toBeVisible();
  await expectNoViolations(page, "the saved list after saving");
  await scan(page, `/events/${event.slug}/report`, "the report form");
  await submitUnchecked(page, "Send report");
  await expectNoViolations(page, "the report form with errors");
  await scan(page, "/login", "sign-in");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert").or(page.getByRole("status")).first()).toBeVisible();
  await expectNoViolations(page, "sign-in with a wrong password");
  await scan(page, "/register", "registration");
  await submitUnchecked(page, "Create account");
  await expect(page.getByRole("alert").or(page.getByRole("status")).first()).toBeVisible();
  await expectNoViolations(page, "registration with errors");
  await scan(page, "/forgot-password");
  await scan(page, "/reset-password?token=not-a-token", "reset password with a bad link");
  await scan(page, "/verify-email?token=not-a-token", "verify email with a bad link");
  await scan(page, "/unavailable");
  await scan(page, "/no-such-page", "the 404 page");
});

test("creator pages: dashboard empty and with events, posting form with errors, edit, cancel, delete, payments, profile", async ({ page }) => {
  test.setTimeout(120_000);
  await clearRateLimits();
  const creator = { name: "Wayan Axe", email: `axe.${Date.now()}@example.test`, password: "frangipani at the morning market" };
  await register(page, creator);
  await page.goto(linkIn(await latestMailTo(creator.email), "/verify-email"));
  await expectNoViolations(page, "email verified");
  await logIn(page, creator);
  await expectNoViolations(page, "an empty dashboard");
  await scan(page, "/dashboard/events/new", "the posting form");
  // With its Repeats fields open: On (weekdays), Ends, and the rule read back.
  await page.locator("form[data-hydrated]").waitFor();
  await page.getByLabel("Repeats", { exact: true }).selectOption({ label: "Every week" });
  await expect(page.getByRole("checkbox", { name: "Mon" })).toBeVisible();
  await expectNoViolations(page, "the posting form of a weekly series");
  await page.getByLabel("Repeats", { exact: true }).selectOption({ label: "Does not repeat" });
  await submitUnchecked(page, "Save draft");
  await expect(page.getByRole("alert").first()).toBeVisible();
  await expectNoViolations(page, "the posting form with errors");
  const [{ id: creatorId }] = (await query<{ id: string }>("SELECT id FROM users WHERE email = $1", [creator.email])) as [{ id: string }];
  const draft = await insertEvent({ title: `Cacao Circle ${uniqueWord()}`, startsAt: new Date(Date.now() + 8 * DAY), status: "DRAFT", creatorId });
  await insertEvent({ title: `Ecstatic Dance ${uniqueWord()}`, startsAt: new Date(Date.now() + 9 * DAY), creatorId });
  await scan(page, "/dashboard", "a dashboard with events");
  await scan(page, `/dashboard/events/${draft.id}/edit`, "the edit form");
  await scan(page, `/dashboard/events/${draft.id}/cancel`, "cancel an event");
  await scan(page, `/dashboard/events/${draft.id}/delete`, "delete an event");
  await scan(page, "/dashboard/payments", "payments");
  await scan(page, `/dashboard/payments/cancelled?event=${draft.id}`, "a cancelled payment");
  await scan(page, "/dashboard/profile", "the profile");
  await scan(page, `/events/${draft.slug}`, "the preview of a draft");
});

test("admin pages: overview, events, creators, moderation, payments, reference, API keys, audit, system", async ({ page }) => {
  test.setTimeout(120_000);
  await logInAsAdmin(page);
  await expectNoViolations(page, "the admin overview");
  for (const path of [
    "/admin/events",
    "/admin/events?status=PUBLISHED&location=canggu",
    `/admin/events/${event.id}/edit`,
    "/admin/creators",
    "/admin/creators/new",
    `/admin/creators/${await demoCreatorId()}/edit`,
    "/admin/moderation",
    "/admin/payments",
    "/admin/reference",
    "/admin/api-keys",
    "/admin/audit",
    "/admin/system",
  ]) {
    await scan(page, path);
  }
  await scan(page, "/admin/creators/new", "create a creator");
  await submitUnchecked(page, "Create creator");
  await expect(page.getByRole("alert").first()).toBeVisible();
  await expectNoViolations(page, "create a creator with errors");
});
