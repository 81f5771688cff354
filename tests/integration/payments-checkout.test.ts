/**
 * Paying the posting fee with Stripe Checkout: the real stripe SDK talks to a
 * local fake of Stripe's API (tests/support/fake-stripe.ts) through
 * STRIPE_API_BASE; the database and Redis are the real test ones.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { invalidatePublicCaches } from "@/lib/cache/public-cache";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { deleteEvent } from "@/lib/events/delete-event";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { submitEvent } from "@/lib/events/submit-event";
import { sendMail } from "@/lib/mail/send-mail";
import { confirmCheckoutSession } from "@/lib/payments/confirm-checkout-session";
import { listCreatorPayments } from "@/lib/payments/list-creator-payments";
import { dashboardPublishLabel, publishButtonLabel } from "@/lib/payments/payment-mode";
import { resetStripeForTests } from "@/lib/payments/stripe-client";
import { closeRedis } from "@/lib/redis";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";
import { fakeStripeEnv, startFakeStripe, type TFakeStripe } from "../support/fake-stripe";
import { asymmetric } from "../support/asymmetric";
import { applyEnv } from "../support/env";

vi.mock("@/lib/mail/send-mail", async (importOriginal) => ({ ...(await importOriginal<Record<string, unknown>>()), sendMail: vi.fn(() => Promise.resolve()) }));
const sentMails = vi.mocked(sendMail);
const mailKinds = () => sentMails.mock.calls.map(([mail]) => mail.kind);

const DAY = 86_400_000;
const APP_URL = "http://localhost:3000";
const CREATE = ["POST", "/v1/checkout/sessions"] as const;

type TActor = { id: string; role: "CREATOR" | "ADMIN" };

let fake: TFakeStripe;
const savedEnv = { ...process.env };

async function newCreator({ verified = true, role = "CREATOR" }: { verified?: boolean; role?: "CREATOR" | "ADMIN" } = {}): Promise<TActor & { email: string }> {
  const user = await createCreator({ name: "Wayan Payer" });
  await db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: verified ? new Date() : null, role } });
  return { id: user.id, role, email: user.email };
}

async function newDraft(creatorId: string, title = "Sound Bath at Dawn") {
  return createEvent({ creatorId, title, startsAt: new Date(Date.now() + 5 * DAY), status: "DRAFT", publishedAt: null });
}

function useEnv(values: Record<string, string | undefined>) {
  applyEnv(values);
  resetEnvForTests();
  resetStripeForTests();
}

beforeAll(async () => {
  fake = await startFakeStripe();
  useEnv(fakeStripeEnv(fake));
  await clearEvents();
});

beforeEach(() => {
  fake.reset();
  sentMails.mockClear();
});

afterEach(() => {
  useEnv(fakeStripeEnv(fake));
});

afterAll(async () => {
  await clearEvents();
  await invalidatePublicCaches("event");
  applyEnv(
    Object.fromEntries(
      ["PAYMENT_PROVIDER", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE", "POSTING_FEE_CENTS"].map((key) => [key, savedEnv[key]]),
    ),
  );
  resetEnvForTests();
  resetStripeForTests();
  await fake.close();
  await disconnectDb();
  await closeRedis();
});

describe("publishing with Stripe: Checkout for the posting fee", () => {
  it("labels the buttons from the configured fee", () => {
    expect(publishButtonLabel()).toBe("Pay USD 3 & publish");
    expect(dashboardPublishLabel()).toBe("Pay & publish");
    useEnv({ POSTING_FEE_CENTS: "350" });
    expect(publishButtonLabel()).toBe("Pay USD 3.50 & publish");
    // In the page's language, with its separators and order.
    expect(publishButtonLabel("id").replace(/\u00a0/g, " ")).toBe("Bayar USD 3,50 & terbitkan");
    expect(publishButtonLabel("ru").replace(/\u00a0/g, " ")).toBe("Оплатить 3,50 USD и опубликовать");
    useEnv({ POSTING_FEE_CENTS: undefined, PAYMENT_PROVIDER: "none" });
    expect(publishButtonLabel()).toBe("Publish");
    expect(dashboardPublishLabel()).toBe("Publish");
  });

  it("moves the event to AWAITING_PAYMENT, creates a session for USD 3 with the event's metadata and stores a PENDING payment", async () => {
    const creator = await newCreator();
    const event = await newDraft(creator.id, "Gamelan Night");

    const result = await submitEvent({ actor: creator, eventId: event.id });

    const calls = fake.callsTo(...CREATE);
    expect(calls).toHaveLength(1);
    const session = [...fake.sessions.values()][0]!;
    expect(result).toEqual({ id: event.id, slug: event.slug, status: "AWAITING_PAYMENT", redirectTo: session.url });
    expect(session.url).toBe(`${fake.url}/pay/${session.id}`);

    const payment = await db.payment.findFirstOrThrow({ where: { eventId: event.id } });
    expect(payment).toMatchObject({
      creatorId: creator.id,
      provider: "stripe",
      status: "PENDING",
      amountCents: 300,
      currency: "USD",
      stripeCheckoutSessionId: session.id,
      checkoutUrl: session.url,
      expiresAt: new Date(session.expires_at * 1000),
      completedAt: null,
    });

    const call = calls[0]!;
    expect(call.authorization).toBe("Bearer sk_test_zenbali_fake_key");
    expect(call.idempotencyKey).toBe(`zenbali-checkout-${payment.id}`);
    expect(call.params).toMatchObject({
      mode: "payment",
      line_items: [{ quantity: "1", price_data: { currency: "usd", unit_amount: "300", product_data: { name: "Event posting fee – Gamelan Night" } } }],
      metadata: { eventId: event.id, paymentId: payment.id, creatorId: creator.id },
      client_reference_id: payment.id,
      customer_email: creator.email,
      success_url: `${APP_URL}/dashboard/payments/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${APP_URL}/dashboard/payments/cancelled?event=${event.id}`,
    });
    expect(call.params).not.toHaveProperty("expires_at"); // Stripe's default lifetime
    expect(session).toMatchObject({ amount_total: 300, currency: "usd", status: "open", payment_status: "unpaid" });

    const stored = await db.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(stored.status).toBe("AWAITING_PAYMENT");
    expect(stored.publishedAt).toBeNull();
    expect(await getPublicEvent(event.slug)).toBeNull();
    expect(sentMails).not.toHaveBeenCalled();
  });

  it("comes back from Checkout to our pages in the language the creator paid from", async () => {
    const creator = await newCreator();
    const event = await newDraft(creator.id, "Malam Gamelan");
    await submitEvent({ actor: creator, eventId: event.id, locale: "id" });
    expect(fake.callsTo(...CREATE)[0]!.params).toMatchObject({
      success_url: `${APP_URL}/id/dashboard/payments/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${APP_URL}/id/dashboard/payments/cancelled?event=${event.id}`,
    });
    expect(publishButtonLabel("ru").replace(/\u00a0/g, " ")).toBe("Оплатить 3 USD и опубликовать");
    expect(dashboardPublishLabel("id")).toBe("Bayar & terbitkan");
  });

  it("reuses the open session on a second submit: one session, one payment, the same URL", async () => {
    const creator = await newCreator();
    const event = await newDraft(creator.id);
    const first = await submitEvent({ actor: creator, eventId: event.id });
    const second = await submitEvent({ actor: creator, eventId: event.id });

    expect(second.redirectTo).toBe(first.redirectTo);
    expect(fake.callsTo(...CREATE)).toHaveLength(1);
    expect(fake.sessions.size).toBe(1);
    expect(await db.payment.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("never doubles a session when two submits race", async () => {
    const creator = await newCreator();
    const event = await newDraft(creator.id);
    const [a, b] = await Promise.all([submitEvent({ actor: creator, eventId: event.id }), submitEvent({ actor: creator, eventId: event.id })]);
    expect(a.redirectTo).toBe(b.redirectTo);
    expect(fake.sessions.size).toBe(1);
    expect(await db.payment.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("makes a new session once the old one has expired, and marks the old payment EXPIRED", async () => {
    const creator = await newCreator();
    const event = await newDraft(creator.id);
    const first = await submitEvent({ actor: creator, eventId: event.id });
    const oldSession = [...fake.sessions.values()][0]!;
    fake.expireSession(oldSession.id);

    const second = await submitEvent({ actor: creator, eventId: event.id });
    expect(second.redirectTo).not.toBe(first.redirectTo);
    expect(fake.callsTo(...CREATE)).toHaveLength(2);
    const payments = await db.payment.findMany({ where: { eventId: event.id }, orderBy: { createdAt: "asc" } });
    expect(payments.map((payment) => payment.status)).toEqual(["EXPIRED", "PENDING"]);
  });

  it("closes a session it will not reuse (about to expire, or for another fee) before making the new one", async () => {
    const creator = await newCreator();
    const event = await newDraft(creator.id);
    await submitEvent({ actor: creator, eventId: event.id });
    const [old] = [...fake.sessions.values()];
    // One minute left: too little to pay in.
    await db.payment.updateMany({ where: { eventId: event.id }, data: { expiresAt: new Date(Date.now() + 60_000) } });

    await submitEvent({ actor: creator, eventId: event.id });
    expect(fake.callsTo("POST", `/v1/checkout/sessions/${old!.id}/expire`)).toHaveLength(1);
    expect(fake.sessions.get(old!.id)!.status).toBe("expired");
    expect(fake.callsTo(...CREATE)).toHaveLength(2);

    // The fee changed in the configuration: the open USD 3 session is replaced by a USD 3.50 one.
    useEnv({ POSTING_FEE_CENTS: "350" });
    await submitEvent({ actor: creator, eventId: event.id });
    const payments = await db.payment.findMany({ where: { eventId: event.id }, orderBy: { createdAt: "asc" } });
    expect(payments.map((payment) => [payment.status, payment.amountCents])).toEqual([
      ["EXPIRED", 300],
      ["EXPIRED", 300],
      ["PENDING", 350],
    ]);
    expect([...fake.sessions.values()].filter((session) => session.status === "open").map((session) => session.amount_total)).toEqual([350]);
    useEnv({ POSTING_FEE_CENTS: undefined });
  });

  it("when Stripe fails, the event stays saved, the attempt is FAILED and the next submit starts afresh", async () => {
    const creator = await newCreator();
    const event = await newDraft(creator.id);
    fake.failNext(500, 10);
    await expect(submitEvent({ actor: creator, eventId: event.id })).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("AWAITING_PAYMENT");
    expect((await db.payment.findFirstOrThrow({ where: { eventId: event.id } })).status).toBe("FAILED");

    fake.reset();
    const retry = await submitEvent({ actor: creator, eventId: event.id });
    expect(retry.redirectTo).toMatch(new RegExp(`^${fake.url}/pay/cs_test_`));
    expect((await db.payment.findMany({ where: { eventId: event.id }, orderBy: { createdAt: "asc" } })).map((payment) => payment.status)).toEqual([
      "FAILED",
      "PENDING",
    ]);
  });

  it("publishes at once when the open session turns out to be paid already (the webhook is late)", async () => {
    const creator = await newCreator();
    const event = await newDraft(creator.id);
    await submitEvent({ actor: creator, eventId: event.id });
    fake.completeSession([...fake.sessions.values()][0]!.id);

    const again = await submitEvent({ actor: creator, eventId: event.id });
    expect(again).toMatchObject({ status: "PUBLISHED", redirectTo: null });
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("PUBLISHED");
    expect((await db.payment.findFirstOrThrow({ where: { eventId: event.id } })).status).toBe("COMPLETED");
    expect(fake.callsTo(...CREATE)).toHaveLength(1);
    expect(mailKinds()).toEqual(["payment-receipt", "event-published"]);
  });

  it("refuses unverified creators before any Stripe call", async () => {
    const creator = await newCreator({ verified: false });
    const event = await newDraft(creator.id);
    await expect(submitEvent({ actor: creator, eventId: event.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Verify your email to publish events.",
    });
    expect(fake.calls).toHaveLength(0);
    expect(await db.payment.count({ where: { eventId: event.id } })).toBe(0);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("DRAFT");
  });

  it("a creator cannot pay for another creator's event: NOT_FOUND, no session, no payment", async () => {
    const owner = await newCreator();
    const stranger = await newCreator();
    const event = await newDraft(owner.id);
    await expect(submitEvent({ actor: stranger, eventId: event.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(fake.calls).toHaveLength(0);
    expect(await db.payment.count({ where: { eventId: event.id } })).toBe(0);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("DRAFT");
  });

  it("an admin publishes without paying", async () => {
    const owner = await newCreator();
    const admin = await newCreator({ role: "ADMIN" });
    const event = await newDraft(owner.id);
    expect(await submitEvent({ actor: admin, eventId: event.id })).toMatchObject({ status: "PUBLISHED", redirectTo: null });
    expect(fake.calls).toHaveLength(0);
  });

  it("with PAYMENT_PROVIDER=none submitting publishes at once and nothing is charged", async () => {
    useEnv({ PAYMENT_PROVIDER: "none" });
    const creator = await newCreator();
    const event = await newDraft(creator.id);
    expect(await submitEvent({ actor: creator, eventId: event.id })).toMatchObject({ status: "PUBLISHED", redirectTo: null });
    expect(fake.calls).toHaveLength(0);
    expect(await db.payment.count({ where: { eventId: event.id } })).toBe(0);
  });
});

describe("the success page confirms the payment itself when the webhook is late", () => {
  it("records a paid session, publishes the event, stores the receipt and mails it once", async () => {
    const creator = await newCreator();
    const event = await newDraft(creator.id, "Kecak at Sunset");
    await submitEvent({ actor: creator, eventId: event.id });
    const session = fake.completeSession([...fake.sessions.values()][0]!.id);
    const before = Date.now();

    const confirmation = await confirmCheckoutSession({ actor: creator, sessionId: session.id });
    expect(confirmation).toMatchObject({
      state: "paid",
      payment: { status: "COMPLETED", amountCents: 300, currency: "USD", receiptUrl: asymmetric.stringMatching(/\/receipts\/ch_/) },
      event: { id: event.id, status: "PUBLISHED", deleted: false },
    });
    const payment = await db.payment.findFirstOrThrow({ where: { eventId: event.id } });
    expect(payment.stripePaymentIntentId).toBe(session.payment_intent);
    expect(payment.completedAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    const stored = await db.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(stored.status).toBe("PUBLISHED");
    expect(stored.publishedAt).not.toBeNull();
    expect((await getPublicEvent(event.slug))?.title).toBe("Kecak at Sunset");

    expect(mailKinds()).toEqual(["payment-receipt", "event-published"]);
    const [receipt, live] = sentMails.mock.calls.map(([mail]) => mail);
    expect(receipt).toMatchObject({ to: creator.email, kind: "payment-receipt", subject: "Your Zen Bali receipt: Kecak at Sunset" });
    expect(receipt!.text).toContain("USD 3");
    expect(receipt!.text).toContain(session.id);
    expect(live).toMatchObject({ to: creator.email, kind: "event-published", subject: "Your event is live: Kecak at Sunset" });
    expect(live!.text).toContain(`${APP_URL}/events/${event.slug}`);

    // Reloading the page changes nothing and sends nothing.
    await expect(confirmCheckoutSession({ actor: creator, sessionId: session.id })).resolves.toMatchObject({ state: "paid" });
    expect(mailKinds()).toEqual(["payment-receipt", "event-published"]);
  });

  it("says so when the session is still open, processing or expired, and publishes nothing", async () => {
    const creator = await newCreator();
    const event = await newDraft(creator.id);
    await submitEvent({ actor: creator, eventId: event.id });
    const sessionId = [...fake.sessions.values()][0]!.id;

    await expect(confirmCheckoutSession({ actor: creator, sessionId })).resolves.toMatchObject({ state: "open", payment: { status: "PENDING" } });
    fake.completeSession(sessionId, { paymentStatus: "unpaid" });
    await expect(confirmCheckoutSession({ actor: creator, sessionId })).resolves.toMatchObject({ state: "processing", payment: { status: "PENDING" } });
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("AWAITING_PAYMENT");

    const other = await newDraft(creator.id);
    await submitEvent({ actor: creator, eventId: other.id });
    const otherSession = [...fake.sessions.values()].find((session) => session.metadata.eventId === other.id)!;
    fake.expireSession(otherSession.id);
    await expect(confirmCheckoutSession({ actor: creator, sessionId: otherSession.id })).resolves.toMatchObject({
      state: "expired",
      payment: { status: "EXPIRED" },
    });
    expect((await db.event.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("AWAITING_PAYMENT");
    expect(sentMails).not.toHaveBeenCalled();
  });

  it("only the payer sees their payment: another creator, unknown and malformed ids are NOT_FOUND", async () => {
    const creator = await newCreator();
    const stranger = await newCreator();
    const event = await newDraft(creator.id);
    await submitEvent({ actor: creator, eventId: event.id });
    const sessionId = fake.completeSession([...fake.sessions.values()][0]!.id).id;

    for (const [actor, id] of [
      [stranger, sessionId],
      [creator, "cs_test_unknown"],
      [creator, "not a session"],
      [creator, ""],
    ] as const) {
      await expect(confirmCheckoutSession({ actor, sessionId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("AWAITING_PAYMENT");
    expect(sentMails).not.toHaveBeenCalled();
  });
});

describe("payment history", () => {
  it("lists the creator's own payments newest first, and they survive the event's soft delete", async () => {
    const creator = await newCreator();
    const other = await newCreator();
    const first = await newDraft(creator.id, "Full Moon Kirtan");
    const second = await newDraft(creator.id, "Cacao Ceremony");
    await submitEvent({ actor: creator, eventId: first.id });
    const paid = fake.completeSession([...fake.sessions.values()][0]!.id);
    await confirmCheckoutSession({ actor: creator, sessionId: paid.id });
    await submitEvent({ actor: creator, eventId: second.id });
    await submitEvent({ actor: other, eventId: (await newDraft(other.id, "Someone Else's")).id });

    await deleteEvent({ actor: creator, eventId: first.id });

    const { payments, total } = await listCreatorPayments({ creatorId: creator.id });
    expect(total).toBe(2);
    expect(payments.map((payment) => [payment.event.title, payment.status, payment.amountCents, payment.event.deleted])).toEqual([
      ["Cacao Ceremony", "PENDING", 300, false],
      ["Full Moon Kirtan", "COMPLETED", 300, true],
    ]);
    expect(payments[1]!.receiptUrl).toMatch(/\/receipts\/ch_/);
    // The row itself is untouched by the delete.
    expect(await db.payment.findFirst({ where: { eventId: first.id, status: "COMPLETED" } })).not.toBeNull();
  });
});
