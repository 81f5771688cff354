/**
 * POST /api/webhooks/stripe, called as Next calls it (a Request with the raw
 * body). Payloads are signed with the stripe SDK's own test-header helper;
 * the sessions come from the fake Stripe the app created them on.
 */
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { invalidatePublicCaches } from "@/lib/cache/public-cache";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { listPublicEvents } from "@/lib/events/list-public-events";
import { EMPTY_EVENT_FORM } from "@/lib/events/event-form-schema";
import { saveEvent } from "@/lib/events/save-event";
import { submitEvent } from "@/lib/events/submit-event";
import { weekdayOf } from "@/lib/series/repeat-words";
import { addBaliDays, toBaliDate } from "@/lib/time/bali";
import { sendMail } from "@/lib/mail/send-mail";
import { confirmCheckoutSession } from "@/lib/payments/confirm-checkout-session";
import { resetStripeForTests } from "@/lib/payments/stripe-client";
import { closeRedis } from "@/lib/redis";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";
import {
  FAKE_STRIPE_WEBHOOK_SECRET,
  fakeStripeEnv,
  signStripePayload,
  startFakeStripe,
  stripeEventPayload,
  type TFakeSessionObject,
  type TFakeStripe,
} from "../support/fake-stripe";
import { asymmetric } from "../support/asymmetric";
import { applyEnv } from "../support/env";

vi.mock("@/lib/mail/send-mail", async (importOriginal) => ({ ...(await importOriginal<Record<string, unknown>>()), sendMail: vi.fn(() => Promise.resolve()) }));
const sentMails = vi.mocked(sendMail);
const mailKinds = () => sentMails.mock.calls.map(([mail]) => mail.kind);

const DAY = 86_400_000;
type TActor = { id: string; role: "CREATOR" | "ADMIN" };

let fake: TFakeStripe;
const savedEnv = { ...process.env };

function useEnv(values: Record<string, string | undefined>) {
  applyEnv(values);
  resetEnvForTests();
  resetStripeForTests();
}

function webhookRequest(payload: string, signature: string | null): Request {
  const headers = new Headers({ "content-type": "application/json; charset=utf-8" });
  if (signature !== null) headers.set("stripe-signature", signature);
  return new Request("http://localhost:3000/api/webhooks/stripe", { method: "POST", body: payload, headers });
}

/** Sends a signed Stripe event; returns the HTTP status and JSON body. */
async function deliver(type: string, object: unknown, { id, signature }: { id?: string; signature?: string | null } = {}) {
  const event = stripeEventPayload(type, object, id);
  const response = await POST(webhookRequest(event.payload, signature === undefined ? signStripePayload(event.payload) : signature));
  return { eventId: event.id, status: response.status, body: (await response.json()) as unknown };
}

/** A verified creator with a draft for which Checkout was started: the event awaits payment. */
async function awaitingPayment(title = "Sunrise Breathwork") {
  const user = await createCreator({ name: "Made Webhook" });
  await db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
  const creator: TActor = { id: user.id, role: "CREATOR" };
  const event = await createEvent({ creatorId: user.id, title, startsAt: new Date(Date.now() + 4 * DAY), status: "DRAFT", publishedAt: null });
  await submitEvent({ actor: creator, eventId: event.id });
  const session = [...fake.sessions.values()].find((candidate) => candidate.metadata.eventId === event.id)!;
  return { creator, email: user.email, event, sessionId: session.id };
}

async function state(eventId: string) {
  const [event, payments, processed] = await Promise.all([
    db.event.findUniqueOrThrow({ where: { id: eventId }, select: { status: true, publishedAt: true } }),
    db.payment.findMany({ where: { eventId }, orderBy: { createdAt: "asc" } }),
    db.processedWebhookEvent.count(),
  ]);
  return { event, payments, processed };
}

beforeAll(async () => {
  fake = await startFakeStripe();
  useEnv(fakeStripeEnv(fake));
  await clearEvents();
  await db.processedWebhookEvent.deleteMany();
});

beforeEach(() => {
  sentMails.mockClear();
});

afterEach(() => {
  useEnv(fakeStripeEnv(fake));
});

afterAll(async () => {
  await clearEvents();
  await db.processedWebhookEvent.deleteMany();
  await invalidatePublicCaches("event");
  applyEnv(Object.fromEntries(["PAYMENT_PROVIDER", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE"].map((key) => [key, savedEnv[key]])));
  resetEnvForTests();
  resetStripeForTests();
  await fake.close();
  await disconnectDb();
  await closeRedis();
});

describe("the signature is checked on the raw body", () => {
  it("answers 400 with the JSON error shape for a missing, malformed, wrongly signed or altered request, and changes nothing", async () => {
    const { event, sessionId } = await awaitingPayment();
    const paid = fake.completeSession(sessionId);
    const { payload } = stripeEventPayload("checkout.session.completed", paid);
    const before = await state(event.id);

    const attempts: [string, Request][] = [
      ["no header", webhookRequest(payload, null)],
      ["garbage header", webhookRequest(payload, "not-a-signature")],
      ["another secret", webhookRequest(payload, signStripePayload(payload, "whsec_somebody_else"))],
      ["altered body", webhookRequest(payload.replace('"livemode":false', '"livemode":true'), signStripePayload(payload))],
      ["re-serialised body", webhookRequest(JSON.stringify(JSON.parse(payload), null, 2), signStripePayload(payload))],
      // Signed ten minutes ago: outside the SDK's five-minute tolerance (replayed captures are refused).
      [
        "stale timestamp",
        webhookRequest(
          payload,
          Stripe.webhooks.generateTestHeaderString({ payload, secret: FAKE_STRIPE_WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) - 600 }),
        ),
      ],
      ["not JSON", webhookRequest("{{{", signStripePayload("{{{"))],
    ];
    for (const [name, request] of attempts) {
      const response = await POST(request);
      expect(response.status, name).toBe(400);
      expect(await response.json(), name).toEqual({ error: { code: "bad_request", message: asymmetric.any(String) } });
    }
    expect(await state(event.id)).toEqual(before);
    expect(sentMails).not.toHaveBeenCalled();
  });

  it("answers 400 also when Stripe is not configured at all", async () => {
    useEnv({ PAYMENT_PROVIDER: "none", STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined, STRIPE_API_BASE: undefined });
    const { payload } = stripeEventPayload("checkout.session.completed", { id: "cs_test_x", object: "checkout.session", payment_status: "paid" });
    const response = await POST(webhookRequest(payload, signStripePayload(payload)));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "bad_request" } });
  });
});

describe("event types", () => {
  it("acknowledges a type it does not handle with 200 and changes nothing", async () => {
    const { event, sessionId } = await awaitingPayment();
    const before = await state(event.id);
    for (const type of ["payment_intent.succeeded", "checkout.session.async_payment_failed", "customer.created"]) {
      const result = await deliver(type, type.startsWith("checkout") ? fake.sessionObject(sessionId) : { id: "pi_test_1", object: "payment_intent" });
      expect(result, type).toMatchObject({ status: 200, body: { received: true } });
    }
    expect(await state(event.id)).toEqual(before);
  });
});

describe("checkout.session.completed", () => {
  it("marks the payment COMPLETED and publishes the event, then mails the receipt and “your event is live” once; a replay changes nothing", async () => {
    const { event, sessionId, email } = await awaitingPayment("Ecstatic Dance Canggu");
    expect(await listPublicEvents({ query: { q: "ecstatic" } })).toMatchObject({ total: 0 }); // primes the listing cache
    const session = fake.completeSession(sessionId);
    const before = Date.now();

    const first = await deliver("checkout.session.completed", session);
    expect(first).toMatchObject({ status: 200, body: { received: true } });

    const after = await state(event.id);
    expect(after.event.status).toBe("PUBLISHED");
    expect(after.event.publishedAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(after.payments).toHaveLength(1);
    expect(after.payments[0]).toMatchObject({
      status: "COMPLETED",
      stripeCheckoutSessionId: sessionId,
      stripePaymentIntentId: session.payment_intent,
      receiptUrl: asymmetric.stringMatching(/\/receipts\/ch_/),
    });
    expect(after.payments[0]!.completedAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(await db.processedWebhookEvent.findUnique({ where: { id: first.eventId } })).toMatchObject({ type: "checkout.session.completed" });
    // Visitors see it on the very next request.
    expect((await listPublicEvents({ query: { q: "ecstatic" } })).events.map((item) => item.title)).toEqual(["Ecstatic Dance Canggu"]);
    expect(await getPublicEvent(event.slug)).not.toBeNull();

    expect(mailKinds()).toEqual(["payment-receipt", "event-published"]);
    expect(sentMails.mock.calls.map(([mail]) => mail.to)).toEqual([email, email]);

    // The same Stripe event again (Stripe retries): 200, nothing changes, no second mail.
    const replay = await deliver("checkout.session.completed", session, { id: first.eventId });
    expect(replay).toMatchObject({ status: 200, body: { received: true } });
    expect(await state(event.id)).toEqual(after);
    expect(mailKinds()).toEqual(["payment-receipt", "event-published"]);

    // A different event about the same, already completed payment: nothing changes either.
    await deliver("checkout.session.completed", session);
    expect((await state(event.id)).payments).toEqual(after.payments);
    expect(mailKinds()).toEqual(["payment-receipt", "event-published"]);
  });

  it("marks the payment and publishes in one transaction: when publishing fails, the payment stays PENDING and Stripe's retry completes both", async () => {
    const { event, sessionId } = await awaitingPayment();
    const session = fake.completeSession(sessionId);
    // Make any update of this one event fail inside the database.
    await db.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION zb_test_refuse_event_update() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$ LANGUAGE plpgsql`,
    );
    await db.$executeRawUnsafe(
      "CREATE TRIGGER zb_test_refuse_event_update BEFORE UPDATE ON events FOR EACH ROW " +
        `WHEN (OLD.id = '${event.id}') EXECUTE FUNCTION zb_test_refuse_event_update()`,
    );
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let failed: Awaited<ReturnType<typeof deliver>>;
    try {
      failed = await deliver("checkout.session.completed", session);
    } finally {
      await db.$executeRawUnsafe("DROP TRIGGER zb_test_refuse_event_update ON events");
      await db.$executeRawUnsafe("DROP FUNCTION zb_test_refuse_event_update()");
      errors.mockRestore();
    }
    expect(failed.status).toBe(500); // our failure: Stripe retries
    const between = await state(event.id);
    expect(between.event.status).toBe("AWAITING_PAYMENT");
    expect(between.payments[0]!.status).toBe("PENDING");
    expect(await db.processedWebhookEvent.findUnique({ where: { id: failed.eventId } })).toBeNull();
    expect(sentMails).not.toHaveBeenCalled();

    const retry = await deliver("checkout.session.completed", session, { id: failed.eventId });
    expect(retry.status).toBe(200);
    const done = await state(event.id);
    expect([done.event.status, done.payments[0]!.status]).toEqual(["PUBLISHED", "COMPLETED"]);
    expect(mailKinds()).toEqual(["payment-receipt", "event-published"]);
  });

  it("does not publish an unpaid session (an async payment is pending) until async_payment_succeeded arrives", async () => {
    const { event, sessionId } = await awaitingPayment();
    const unpaid = fake.completeSession(sessionId, { paymentStatus: "unpaid" });
    expect(await deliver("checkout.session.completed", unpaid)).toMatchObject({ status: 200, body: { received: true } });
    let now = await state(event.id);
    expect([now.event.status, now.payments[0]!.status]).toEqual(["AWAITING_PAYMENT", "PENDING"]);
    expect(await getPublicEvent(event.slug)).toBeNull();

    // A forged "async succeeded" that still says unpaid does nothing either.
    await deliver("checkout.session.async_payment_succeeded", unpaid);
    now = await state(event.id);
    expect([now.event.status, now.payments[0]!.status]).toEqual(["AWAITING_PAYMENT", "PENDING"]);

    expect(await deliver("checkout.session.async_payment_succeeded", fake.succeedAsyncPayment(sessionId))).toMatchObject({ status: 200 });
    now = await state(event.id);
    expect([now.event.status, now.payments[0]!.status]).toEqual(["PUBLISHED", "COMPLETED"]);
    expect(mailKinds()).toEqual(["payment-receipt", "event-published"]);
  });

  it("ignores a paid session whose metadata, amount or currency do not match the payment", async () => {
    const { event, sessionId, creator } = await awaitingPayment();
    const other = await awaitingPayment("Another Organiser's Event");
    const paid = fake.completeSession(sessionId);
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const forged: [string, TFakeSessionObject][] = [
      ["other event", { ...paid, metadata: { ...paid.metadata, eventId: other.event.id } }],
      ["other creator", { ...paid, metadata: { ...paid.metadata, creatorId: other.creator.id } }],
      [
        "other payment",
        {
          ...paid,
          metadata: { ...paid.metadata, paymentId: (await db.payment.findFirstOrThrow({ where: { eventId: other.event.id } })).id },
          client_reference_id: null,
        },
      ],
      ["no metadata", { ...paid, metadata: {}, client_reference_id: null }],
      ["one cent", { ...paid, amount_total: 1 }],
      ["rupiah", { ...paid, currency: "idr" }],
      ["other session id", { ...paid, id: "cs_test_somebody_else" }],
    ];
    try {
      for (const [name, session] of forged) {
        expect(await deliver("checkout.session.completed", session), name).toMatchObject({ status: 200, body: { received: true } });
      }
    } finally {
      warnings.mockRestore();
    }
    for (const eventId of [event.id, other.event.id]) {
      const now = await state(eventId);
      expect([now.event.status, now.payments[0]!.status], eventId).toEqual(["AWAITING_PAYMENT", "PENDING"]);
    }
    expect(sentMails).not.toHaveBeenCalled();
    expect(creator.id).not.toBe(other.creator.id);
  });

  it("a paid session for an event deleted meanwhile completes the payment but does not publish the event", async () => {
    const { event, sessionId } = await awaitingPayment();
    await db.event.update({ where: { id: event.id }, data: { deletedAt: new Date() } });
    await deliver("checkout.session.completed", fake.completeSession(sessionId));
    const now = await state(event.id);
    expect([now.event.status, now.payments[0]!.status]).toEqual(["AWAITING_PAYMENT", "COMPLETED"]);
    expect(mailKinds()).toEqual(["payment-receipt"]); // a receipt, but no "your event is live"
  });

  it("after the success page has confirmed the payment, the late webhook changes nothing and mails nothing", async () => {
    const { event, sessionId, creator } = await awaitingPayment();
    const paid = fake.completeSession(sessionId);
    await confirmCheckoutSession({ actor: creator, sessionId });
    const confirmed = await state(event.id);
    expect(confirmed.event.status).toBe("PUBLISHED");
    expect(mailKinds()).toEqual(["payment-receipt", "event-published"]);

    expect(await deliver("checkout.session.completed", paid)).toMatchObject({ status: 200 });
    const after = await state(event.id);
    expect(after.event).toEqual(confirmed.event);
    expect(after.payments).toEqual(confirmed.payments);
    expect(mailKinds()).toEqual(["payment-receipt", "event-published"]);
  });
});

describe("checkout.session.expired", () => {
  it("marks the payment EXPIRED; the event stays unpublished, awaiting payment; a replay changes nothing", async () => {
    const { event, sessionId } = await awaitingPayment();
    const expired = fake.expireSession(sessionId);
    const first = await deliver("checkout.session.expired", expired);
    expect(first).toMatchObject({ status: 200, body: { received: true } });
    const after = await state(event.id);
    expect([after.event.status, after.event.publishedAt, after.payments[0]!.status]).toEqual(["AWAITING_PAYMENT", null, "EXPIRED"]);
    expect(await getPublicEvent(event.slug)).toBeNull();

    await deliver("checkout.session.expired", expired, { id: first.eventId });
    expect(await state(event.id)).toEqual(after);
    expect(sentMails).not.toHaveBeenCalled();
  });

  it("never expires a completed payment", async () => {
    const { event, sessionId } = await awaitingPayment();
    const paid = fake.completeSession(sessionId);
    await deliver("checkout.session.completed", paid);
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await deliver("checkout.session.expired", { ...paid, status: "expired" });
    } finally {
      warnings.mockRestore();
    }
    const now = await state(event.id);
    expect([now.event.status, now.payments[0]!.status]).toEqual(["PUBLISHED", "COMPLETED"]);
  });
});

describe("a recurring series is paid for once", () => {
  it("one Checkout for the series' draft; its completion publishes the first date and creates every other date, published", async () => {
    const user = await createCreator({ name: "Made Series Payer" });
    await db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
    const creator: TActor = { id: user.id, role: "CREATOR" };
    let firstTuesday = addBaliDays(toBaliDate(new Date()), 3);
    while (weekdayOf(firstTuesday) !== "TU") firstTuesday = addBaliDays(firstTuesday, 1);
    const saved = await saveEvent({
      actor: creator,
      eventId: null,
      publish: true,
      input: {
        ...EMPTY_EVENT_FORM,
        title: "Sunrise Flow Paid Once",
        startDate: firstTuesday,
        startTime: "07:00",
        location: "ubud",
        venueName: "Yoga Barn",
        eventType: "yoga",
        entranceType: "free",
        contactEmail: "flow@example.test",
        repeat: "weekly",
        days: "TU,TH",
        ends: "after",
        count: "6",
      },
    });
    expect(saved.status).toBe("AWAITING_PAYMENT");
    const first = await db.event.findUniqueOrThrow({ where: { id: saved.id } });
    expect(await db.event.count({ where: { seriesId: first.seriesId } })).toBe(1);
    const session = [...fake.sessions.values()].find((candidate) => candidate.metadata.eventId === saved.id)!;

    expect(await deliver("checkout.session.completed", fake.completeSession(session.id))).toMatchObject({ status: 200 });
    const dates = await db.event.findMany({ where: { seriesId: first.seriesId }, orderBy: { startsAt: "asc" } });
    expect(dates.map((date) => [toBaliDate(date.startsAt), date.status])).toEqual(
      [0, 2, 7, 9, 14, 16].map((days) => [addBaliDays(firstTuesday, days), "PUBLISHED"]),
    );
    expect(await db.payment.count({ where: { creatorId: user.id } })).toBe(1);
  });
});
