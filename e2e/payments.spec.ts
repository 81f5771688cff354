/**
 * Paying the posting fee, end to end, with PAYMENT_PROVIDER=stripe. The main
 * e2e server runs with payments off, so this spec starts its own production
 * server (like timezone.spec.ts) with Stripe switched on and the SDK pointed
 * (STRIPE_API_BASE) at a fake Stripe started here
 * (tests/support/fake-stripe.ts). The fake's hosted "checkout" page has a Pay
 * link that marks the session paid and sends the browser to our success_url;
 * no webhook is ever sent, so the success page must confirm the payment
 * itself.
 */
import { expect, test, type Page } from "@playwright/test";
import { baliDate, clearPublicCaches, clearRateLimits, closeDb, DAY, deleteInsertedData, insertEvent, query, uniqueWord } from "./support/db";
import { startExtraServer, type TExtraServer } from "./support/server";
import {
  FAKE_STRIPE_WEBHOOK_SECRET,
  fakeStripeEnv,
  signStripePayload,
  startFakeStripe,
  stripeEventPayload,
  type TFakeStripe,
} from "../tests/support/fake-stripe";

const PORT = 3110;

let fake: TFakeStripe;
let server: TExtraServer;
const creator = { name: "Ketut Payer", email: `payer.${Date.now()}@example.test`, password: "offerings at the water temple" };
let creatorId = "";

async function logIn(page: Page) {
  await page.goto(`${server.baseURL}/login`);
  await page.getByLabel("Email").fill(creator.email);
  await page.getByLabel("Password").fill(creator.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(`${server.baseURL}/dashboard`);
}

async function paymentsOf(eventId: string) {
  return query<{ status: string; amount_cents: number; currency: string; stripe_checkout_session_id: string; receipt_url: string | null }>(
    "SELECT status, amount_cents, currency, stripe_checkout_session_id, receipt_url FROM payments WHERE event_id = $1 ORDER BY created_at",
    [eventId],
  );
}

async function eventStatus(eventId: string): Promise<string> {
  const [row] = await query<{ status: string }>("SELECT status FROM events WHERE id = $1", [eventId]);
  return row!.status;
}

test.describe.serial("paying the posting fee with Stripe Checkout", () => {
  test.beforeAll(async () => {
    await clearRateLimits();
    fake = await startFakeStripe();
    server = await startExtraServer({ port: PORT, env: { ...fakeStripeEnv(fake), REDIS_KEY_PREFIX: "zbe2e:pay:" } });
  });

  test.afterAll(async () => {
    await (server as TExtraServer | undefined)?.stop(); // unset when beforeAll failed
    await (fake as TFakeStripe | undefined)?.close();
    if (creatorId) {
      // Test data only: payments are never deleted by the app.
      await query("DELETE FROM payments WHERE creator_id = $1", [creatorId]);
      await query("DELETE FROM events WHERE creator_id = $1", [creatorId]);
      await query("DELETE FROM event_series WHERE creator_id = $1", [creatorId]);
    }
    await deleteInsertedData();
    if (creatorId) await query("DELETE FROM users WHERE id = $1", [creatorId]);
    await clearPublicCaches();
    await closeDb();
  });

  // Registered through the site; the email is verified in the database here (mail delivery is tested in posting.spec.ts).
  test("a creator registers and verifies their email", async ({ page }) => {
    await page.goto(`${server.baseURL}/register`);
    await page.getByLabel("Full name").fill(creator.name);
    await page.getByLabel("Email").fill(creator.email);
    await page.getByLabel("Password", { exact: true }).fill(creator.password);
    await page.getByLabel("Confirm password").fill(creator.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/login\?registered=1/);
    const [row] = await query<{ id: string }>("UPDATE users SET email_verified_at = now() WHERE email = $1 RETURNING id", [creator.email]);
    creatorId = row!.id;
  });

  test("Pay & publish → Stripe Checkout → success page: the event is live without any webhook, and the payment is listed", async ({ page, browser }) => {
    const title = `Water Temple Meditation ${uniqueWord()}`;
    const event = await insertEvent({ title, startsAt: new Date(Date.now() + 6 * DAY), status: "DRAFT", creatorId });
    await logIn(page);

    const row = page.getByRole("row").filter({ hasText: title });
    await expect(row.getByText("Draft", { exact: true })).toBeVisible();
    await row.getByRole("button", { name: `Pay & publish ${title}` }).click();

    // Stripe Checkout (the fake's hosted page), for USD 3.
    await expect(page).toHaveURL(new RegExp(`^${fake.url}/pay/cs_test_`));
    await expect(page.getByRole("heading", { name: "Fake Stripe Checkout" })).toBeVisible();
    await expect(page.getByText(`Event posting fee – ${title}`)).toBeVisible();
    await expect(page.getByTestId("amount")).toHaveText("3.00 USD");
    expect(await eventStatus(event.id)).toBe("AWAITING_PAYMENT");
    const [pending] = await paymentsOf(event.id);
    expect(pending).toMatchObject({ status: "PENDING", amount_cents: 300, currency: "USD" });
    expect(page.url()).toBe(`${fake.url}/pay/${pending!.stripe_checkout_session_id}`);

    await page.getByRole("link", { name: "Pay", exact: true }).click();

    // Back on the site: the success page asked Stripe and published the event.
    await expect(page).toHaveURL(`${server.baseURL}/dashboard/payments/success?session_id=${pending!.stripe_checkout_session_id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Payment received" })).toBeVisible();
    await expect(page.getByText("Your event is live.")).toBeVisible();
    expect(await eventStatus(event.id)).toBe("PUBLISHED");
    const [completed] = await paymentsOf(event.id);
    expect(completed).toMatchObject({ status: "COMPLETED", amount_cents: 300 });
    expect(completed!.receipt_url).toMatch(/\/receipts\/ch_/);

    await page.getByRole("link", { name: "View your event" }).click();
    await expect(page).toHaveURL(`${server.baseURL}/events/${event.slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByText("Preview — not public")).toHaveCount(0);

    // A visitor finds it too.
    const visitor = await browser.newContext();
    const response = await (await visitor.newPage()).goto(`${server.baseURL}/events/${event.slug}`);
    expect(response?.status()).toBe(200);
    await visitor.close();

    // The history: event, amount in USD, status, date, receipt.
    await page.goto(`${server.baseURL}/dashboard/payments`);
    await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
    const paymentRow = page.getByRole("row").filter({ hasText: title });
    await expect(paymentRow.getByRole("cell").nth(1)).toHaveText("USD 3");
    await expect(paymentRow.getByText(/^completed$/i)).toBeVisible();
    await expect(paymentRow.getByRole("cell").nth(3)).toHaveText(new RegExp(`· \\d{2}:\\d{2}$`));
    await expect(paymentRow.getByRole("link", { name: `Receipt for ${title}` })).toHaveAttribute("href", completed!.receipt_url!);

    // The dashboard counts it.
    await page.goto(`${server.baseURL}/dashboard`);
    await expect(page.getByRole("row").filter({ hasText: title }).getByText("Published", { exact: true })).toBeVisible();
    await expect(page.locator('dt:text-is("Total paid in USD") + dd')).toHaveText("3");
  });

  test("cancelling Checkout keeps the event awaiting payment; paying again reuses the same session", async ({ page }) => {
    const title = `Sidemen Rice Walk ${uniqueWord()}`;
    const event = await insertEvent({ title, startsAt: new Date(Date.now() + 8 * DAY), status: "DRAFT", creatorId });
    await logIn(page);
    await page
      .getByRole("row")
      .filter({ hasText: title })
      .getByRole("button", { name: `Pay & publish ${title}` })
      .click();
    await expect(page).toHaveURL(new RegExp(`^${fake.url}/pay/cs_test_`));
    const checkoutUrl = page.url();

    await page.getByRole("link", { name: "Cancel", exact: true }).click();
    await expect(page).toHaveURL(`${server.baseURL}/dashboard/payments/cancelled?event=${event.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Payment cancelled" })).toBeVisible();
    await expect(page.getByText(`“${title}” is saved and awaits payment.`)).toBeVisible();
    expect(await eventStatus(event.id)).toBe("AWAITING_PAYMENT");

    await page.getByRole("button", { name: "Pay USD 3 & publish" }).click();
    await expect(page).toHaveURL(checkoutUrl); // the open session, not a new one
    expect(await paymentsOf(event.id)).toHaveLength(1);

    await page.goto(`${server.baseURL}/dashboard`);
    await expect(page.getByRole("row").filter({ hasText: title }).getByText("Awaiting payment", { exact: true })).toBeVisible();
    await expect(
      page
        .getByRole("row")
        .filter({ hasText: title })
        .getByRole("button", { name: `Pay & publish ${title}` }),
    ).toBeVisible();
  });

  test("the event form's publish button reads “Pay USD 3 & publish” and leads to Checkout", async ({ page }) => {
    await logIn(page);
    await page.goto(`${server.baseURL}/dashboard/events/new`);
    const field = (label: string) => page.getByLabel(label, { exact: true });
    const title = `Gong Meditation ${uniqueWord()}`;
    await field("Title").fill(title);
    await field("Start date").fill(baliDate(new Date(Date.now() + 12 * DAY)));
    await field("Start time").selectOption("18:00");
    await field("Location").selectOption({ label: "Ubud" });
    await field("Venue name").fill("Yoga Barn");
    await field("Event type").selectOption({ label: "Meditation" });
    await field("Entrance type").selectOption({ label: "Free" });
    await field("Participant group").selectOption({ label: "Open" });
    await page.getByRole("button", { name: "Pay USD 3 & publish" }).click();

    await expect(page).toHaveURL(new RegExp(`^${fake.url}/pay/cs_test_`));
    await expect(page.getByText(`Event posting fee – ${title}`)).toBeVisible();
    const [row] = await query<{ id: string; status: string }>("SELECT id, status FROM events WHERE title = $1", [title]);
    expect(row!.status).toBe("AWAITING_PAYMENT");
  });

  test("a weekly series is paid for once: one Checkout publishes every date, and the dashboard shows one row", async ({ page, browser }) => {
    await logIn(page);
    await page.goto(`${server.baseURL}/dashboard/events/new`);
    await page.locator("form[data-hydrated]").waitFor();
    const field = (label: string) => page.getByLabel(label, { exact: true });
    const word = uniqueWord("flow");
    const title = `Sunrise Flow ${word}`;
    // The first Tuesday at least 3 days ahead in Bali, then Tuesdays and Thursdays for two weeks: four dates.
    let first = baliDate(new Date(Date.now() + 3 * DAY));
    while (new Date(`${first}T00:00:00Z`).getUTCDay() !== 2) first = baliDate(new Date(Date.parse(`${first}T12:00:00Z`) + DAY));
    const until = baliDate(new Date(Date.parse(`${first}T12:00:00Z`) + 9 * DAY));
    await field("Title").fill(title);
    await field("Start date").fill(first);
    await field("Start time").selectOption("07:00");
    await field("Repeats").selectOption({ label: "Every week" });
    await page.getByRole("checkbox", { name: "Thu" }).check();
    await page.getByRole("radio", { name: "On", exact: true }).check();
    await page.getByLabel("End date").fill(until);
    await expect(page.locator("#event-repeat-summary")).toContainText("Every Tue and Thu at 07:00 until");
    await field("Location").selectOption({ label: "Ubud" });
    await field("Venue name").fill("Yoga Barn");
    await field("Event type").selectOption({ label: "Yoga" });
    await field("Entrance type").selectOption({ label: "Free" });
    await field("Participant group").selectOption({ label: "Open" });
    await page.getByRole("button", { name: "Pay USD 3 & publish" }).click();

    // One Checkout for the whole series.
    await expect(page).toHaveURL(new RegExp(`^${fake.url}/pay/cs_test_`));
    await expect(page.getByText(`Event posting fee – ${title}`)).toBeVisible();
    await expect(page.getByTestId("amount")).toHaveText("3.00 USD");
    await page.getByRole("link", { name: "Pay", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Payment received" })).toBeVisible();

    const dates = await query<{ status: string }>("SELECT status::text AS status FROM events WHERE title = $1 AND deleted_at IS NULL ORDER BY starts_at", [
      title,
    ]);
    expect(dates.map((date) => date.status)).toEqual(["PUBLISHED", "PUBLISHED", "PUBLISHED", "PUBLISHED"]);
    const payments = await query<{ status: string; amount_cents: number }>(
      "SELECT p.status::text AS status, p.amount_cents FROM payments p JOIN events e ON e.id = p.event_id WHERE e.title = $1",
      [title],
    );
    expect(payments).toEqual([{ status: "COMPLETED", amount_cents: 300 }]);

    await page.goto(`${server.baseURL}/dashboard`);
    const rows = page.getByRole("row").filter({ hasText: title });
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText("Every Tue and Thu · 4 upcoming dates");
    await page.goto(`${server.baseURL}/dashboard/payments`);
    await expect(page.getByRole("row").filter({ hasText: title })).toHaveCount(1);

    // A visitor finds one card for the series, with its rule.
    const visitor = await browser.newContext();
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(`${server.baseURL}/?q=${word}`);
    const cards = visitorPage.getByTestId("event-card");
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText(title);
    await expect(cards.first()).toContainText("Every Tue and Thu");
    await visitor.close();
  });

  test("the webhook answers 400 to an unsigned request and 200 to a signed event it does not handle", async ({ request }) => {
    const { payload } = stripeEventPayload("customer.created", { id: "cus_test_1", object: "customer" });
    const unsigned = await request.post(`${server.baseURL}/api/webhooks/stripe`, { data: payload, headers: { "content-type": "application/json" } });
    expect(unsigned.status()).toBe(400);
    expect(await unsigned.json()).toMatchObject({ error: { code: "bad_request" } });

    const signed = await request.post(`${server.baseURL}/api/webhooks/stripe`, {
      data: payload,
      headers: { "content-type": "application/json", "stripe-signature": signStripePayload(payload, FAKE_STRIPE_WEBHOOK_SECRET) },
    });
    expect(signed.status()).toBe(200);
    expect(await signed.json()).toEqual({ received: true });
  });

  test("with payments off (the main e2e server), the webhook still refuses everything with 400", async ({ request }) => {
    const { payload } = stripeEventPayload("checkout.session.completed", { id: "cs_test_1", object: "checkout.session", payment_status: "paid" });
    const response = await request.post("/api/webhooks/stripe", {
      data: payload,
      headers: { "content-type": "application/json", "stripe-signature": signStripePayload(payload, FAKE_STRIPE_WEBHOOK_SECRET) },
    });
    expect(response.status()).toBe(400);
  });
});
