import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { issueToken } from "@/lib/auth/tokens";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { closeRedis, getRedisHandle } from "@/lib/redis";
import { MAX_SAVED_EVENTS } from "@/lib/saved/saved-cookie";
import { confirmSubscription, peekSubscriptionConfirmation } from "@/lib/subscriptions/confirm-subscription";
import { findSubscriberByToken } from "@/lib/subscriptions/find-subscriber";
import { listSubscriberSavedEvents } from "@/lib/subscriptions/list-subscriber-saved-events";
import { requestSubscription } from "@/lib/subscriptions/request-subscription";
import { normaliseSubscriberEmail } from "@/lib/subscriptions/subscriber-email";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";
import { confirmTokenIn, deleteRunSubscribers, freshIp, mailsTo, newAddress, subjectOf } from "../support/subscriptions";

/**
 * Subscribing without an account (issue 13, PRODUCT.md "Saved events and alerts"), the use cases against the real
 * PostgreSQL and Redis: addresses normalised, double opt-in with a single-use 24-hour link, pending rows that nobody
 * sees until confirmed, the caps, and the two limits. What the forms answer (never revealing an address) is in
 * subscriptions-routes.test.ts.
 */

let mailDir: string;
const HOUR = 3_600_000;
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

async function onlyMail(address: string): Promise<string> {
  const mails = await mailsTo(mailDir, address);
  expect(mails).toHaveLength(1);
  return mails[0]!;
}

async function subscriberOf(email: string) {
  return db.subscriber.findUniqueOrThrow({
    where: { email },
    include: { savedEvents: { orderBy: { createdAt: "asc" } }, alerts: { orderBy: { createdAt: "asc" } } },
  });
}

let creatorId: string;
let events: { id: string; slug: string; title: string }[];

beforeAll(async () => {
  mailDir = await mkdtemp(path.join(tmpdir(), "zenbali-subscriptions-"));
  process.env.MAIL_DIR = mailDir;
  resetEnvForTests();
  vi.spyOn(console, "log").mockImplementation(() => {});
  await clearEvents();
  const creator = await createCreator({ name: "Made Teacher", organisation: "Ubud Breath" });
  creatorId = creator.id;
  const soon = Date.now() + 3 * 24 * HOUR;
  events = await Promise.all([0, 1, 2].map((index) => createEvent({ creatorId, title: `Saved Yoga ${index}`, startsAt: new Date(soon + index * HOUR) })));
});

beforeEach(() => {
  resetEnvForTests();
});

afterAll(async () => {
  vi.restoreAllMocks();
  await deleteRunSubscribers();
  await clearEvents();
  await db.user.deleteMany({ where: { id: creatorId } });
  await rm(mailDir, { recursive: true, force: true });
  await disconnectDb();
  await closeRedis();
});

describe("an address", () => {
  it("is trimmed and lower-cased: one subscriber however it is typed", async () => {
    const address = newAddress("case");
    expect(normaliseSubscriberEmail(`  ${address.toUpperCase()} \n`)).toBe(address);
    await requestSubscription({ email: `  ${address.toUpperCase()} `, locale: "en", ip: freshIp(), savedEventIds: [events[0]!.id] });
    await requestSubscription({ email: address.replace("case", "CASE"), locale: "en", ip: freshIp(), savedEventIds: [events[1]!.id] });
    expect(await db.subscriber.count({ where: { email: { equals: address, mode: "insensitive" } } })).toBe(1);
    expect((await subscriberOf(address)).savedEvents.map((row) => row.eventId).sort()).toEqual([events[0]!.id, events[1]!.id].sort());
  });

  it.each([
    ["not an address", "nope"],
    ["empty", "   "],
    ["255 characters", `${"a".repeat(243)}@example.test`],
    ["a megabyte", `${"a".repeat(1_000_000)}@example.test`],
    ["two addresses", "a@example.test, b@example.test"],
    ["a NUL byte", "a\u0000b@example.test"],
  ])("is refused as INVALID_INPUT when it is %s, before any limit counts it", async (_, email) => {
    const ip = freshIp();
    const error = await requestSubscription({ email, locale: "en", ip }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "INVALID_INPUT" });
    expect(normaliseSubscriberEmail(email)).toBeNull();
    // Five more from this IP still pass: the refusals did not count.
    for (let attempt = 0; attempt < 5; attempt++) await requestSubscription({ email: newAddress("ipcheck"), locale: "en", ip });
  });

  it("accepts 254 characters exactly", () => {
    const address = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(56)}.test`;
    expect(address).toHaveLength(254);
    expect(normaliseSubscriberEmail(address)).toBe(address);
  });
});

describe("the confirmation mail", () => {
  it("goes out in the page's language with a 24-hour single-use link, and lists what it switches on", async () => {
    const address = newAddress("mail");
    await requestSubscription({ email: address, locale: "en", ip: freshIp(), savedEventIds: [events[0]!.id, events[1]!.id] });
    await requestSubscription({ email: address, locale: "en", ip: freshIp(), alert: { kind: "query", query: "location=canggu&type=ecstatic-dance" } });
    await requestSubscription({ email: address, locale: "en", ip: freshIp(), alert: { kind: "creator", creatorId } });
    const mails = await mailsTo(mailDir, address);
    expect(mails).toHaveLength(3);
    const last = mails.at(-1)!;
    expect(subjectOf(last)).toBe("Confirm your subscription to Zen Bali");
    expect(last).toContain("- 2 saved events on a private page and in your calendar");
    expect(last).toContain("- A weekly email with new events like these: http://localhost:3000/?location=canggu&type=ecstatic-dance");
    expect(last).toContain("- A weekly email when Ubud Breath posts new events");
    expect(last).toMatch(/\nhttp:\/\/localhost:3000\/subscribe\/confirm\?token=[A-Za-z0-9_-]{43}\r?\n/);
    const token = confirmTokenIn(last);
    const handle = getRedisHandle();
    const ttl = await handle.redis.ttl(handle.key("token", "subscription-confirm", sha256(token)));
    expect(ttl).toBeGreaterThan(24 * 3600 - 60);
    expect(ttl).toBeLessThanOrEqual(24 * 3600);
  });

  it("is Russian for a subscriber who asked on a Russian page, with a /ru link", async () => {
    const address = newAddress("ru");
    await requestSubscription({ email: address, locale: "ru", ip: freshIp(), savedEventIds: [events[0]!.id, events[1]!.id, events[2]!.id] });
    const mail = await onlyMail(address);
    expect(subjectOf(mail)).toBe("Подтвердите подписку на Zen Bali");
    expect(mail).toContain("Здравствуйте!");
    expect(mail).toContain("- 3 сохранённых события на личной странице и в вашем календаре");
    expect(mail).toMatch(/http:\/\/localhost:3000\/ru\/subscribe\/confirm\?token=[A-Za-z0-9_-]{43}/);
    expect((await subscriberOf(address)).language).toBe("ru");
    // A later request from an English page keeps the subscriber's language.
    await requestSubscription({ email: address, locale: "en", ip: freshIp(), alert: { kind: "creator", creatorId } });
    expect(subjectOf((await mailsTo(mailDir, address)).at(-1)!)).toBe("Подтвердите подписку на Zen Bali");
  });

  it("is Indonesian from an Indonesian page", async () => {
    const address = newAddress("id");
    await requestSubscription({ email: address, locale: "id", ip: freshIp(), alert: { kind: "query", query: "" } });
    const mail = await onlyMail(address);
    expect(subjectOf(mail)).toBe("Konfirmasikan langganan Zen Bali Anda");
    expect(mail).toContain("Kabar mingguan lewat email tentang acara baru seperti ini: http://localhost:3000/id");
  });
});

describe("confirming", () => {
  it("looking at the link uses nothing up; the confirmation does, once; pending rows show only after it", async () => {
    const address = newAddress("confirm");
    await requestSubscription({ email: address, locale: "en", ip: freshIp(), savedEventIds: [events[0]!.id, events[1]!.id] });
    const token = confirmTokenIn(await onlyMail(address));
    const subscriber = await subscriberOf(address);
    expect(subscriber.confirmedAt).toBeNull();
    expect(subscriber.savedEvents.map((row) => row.confirmedAt)).toEqual([null, null]);
    // Nobody sees an unconfirmed list: the private token finds nothing yet.
    expect(await findSubscriberByToken(subscriber.token)).toBeNull();

    // A mail scanner and the visitor open the page: nothing is used up.
    expect(await peekSubscriptionConfirmation(token)).toEqual({ savedEvents: 2, alerts: [] });
    expect(await peekSubscriptionConfirmation(token)).toEqual({ savedEvents: 2, alerts: [] });

    const confirmed = await confirmSubscription(token);
    expect(confirmed).toEqual({ token: subscriber.token, destination: "saved" });
    const after = await subscriberOf(address);
    expect(after.confirmedAt).not.toBeNull();
    expect(after.savedEvents.every((row) => row.confirmedAt !== null)).toBe(true);
    expect(await findSubscriberByToken(subscriber.token)).toMatchObject({ id: subscriber.id });
    const list = await listSubscriberSavedEvents(subscriber.id);
    expect(list.upcoming.map((event) => event.title)).toEqual(["Saved Yoga 0", "Saved Yoga 1"]);

    // Single use.
    expect(await confirmSubscription(token)).toBeNull();
    expect(await peekSubscriptionConfirmation(token)).toBeNull();
  });

  it("a confirmed subscriber's additions wait for a new confirmation (nobody attaches things to someone else's address)", async () => {
    const address = newAddress("owner");
    await requestSubscription({ email: address, locale: "en", ip: freshIp(), savedEventIds: [events[0]!.id] });
    await confirmSubscription(confirmTokenIn(await onlyMail(address)));
    const { id, token: privateToken } = await subscriberOf(address);

    // Someone else types the owner's address with an alert and another event.
    await requestSubscription({ email: address, locale: "en", ip: freshIp(), savedEventIds: [events[2]!.id], alert: { kind: "creator", creatorId } });
    const rows = await subscriberOf(address);
    expect(rows.alerts.map((alert) => alert.confirmedAt)).toEqual([null]);
    expect(rows.savedEvents.find((row) => row.eventId === events[2]!.id)?.confirmedAt).toBeNull();
    expect((await listSubscriberSavedEvents(id)).upcoming.map((event) => event.title)).toEqual(["Saved Yoga 0"]);

    // Only the owner's inbox can switch them on, and the mail there says what they are.
    const mail = (await mailsTo(mailDir, address)).at(-1)!;
    expect(mail).toContain("- 1 saved event on a private page and in your calendar");
    expect(mail).toContain("- A weekly email when Ubud Breath posts new events");
    expect(await confirmSubscription(confirmTokenIn(mail))).toEqual({ token: privateToken, destination: "alerts" });
    expect((await listSubscriberSavedEvents(id)).upcoming.map((event) => event.title)).toEqual(["Saved Yoga 0", "Saved Yoga 2"]);
  });

  it("only the newest link works, and a link expires", async () => {
    const address = newAddress("newest");
    const ip = freshIp();
    await requestSubscription({ email: address, locale: "en", ip, savedEventIds: [events[0]!.id] });
    await requestSubscription({ email: address, locale: "en", ip, savedEventIds: [events[1]!.id] });
    const [first, second] = await mailsTo(mailDir, address);
    expect(await peekSubscriptionConfirmation(confirmTokenIn(first!))).toBeNull();
    expect(await confirmSubscription(confirmTokenIn(first!))).toBeNull();
    expect(await confirmSubscription(confirmTokenIn(second!))).not.toBeNull();

    const { id } = await subscriberOf(address);
    const { token } = await issueToken({ purpose: "subscription-confirm", userId: id, ttlSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await peekSubscriptionConfirmation(token)).toBeNull();
    expect(await confirmSubscription(token)).toBeNull();
  });

  it("refuses garbage and oversized links without looking them up", async () => {
    for (const token of ["", "x", "a".repeat(43) + "!", "a".repeat(100_000), null, 42, { token: "x" }]) {
      expect(await peekSubscriptionConfirmation(token)).toBeNull();
      expect(await confirmSubscription(token)).toBeNull();
    }
  });

  it("a request older than a link's life is forgotten: a new link switches on only what it lists", async () => {
    const address = newAddress("stale");
    const longAgo = new Date(Date.now() - 25 * HOUR);
    await requestSubscription({ email: address, locale: "en", ip: freshIp(), savedEventIds: [events[0]!.id], now: longAgo });
    await requestSubscription({ email: address, locale: "en", ip: freshIp(), savedEventIds: [events[1]!.id] });
    const rows = await subscriberOf(address);
    expect(rows.savedEvents.map((row) => row.eventId)).toEqual([events[1]!.id]);
    expect((await mailsTo(mailDir, address)).at(-1)).toContain("- 1 saved event on");
  });

  async function unsubscribedWithAlert(name: string): Promise<{ address: string; unsubscribedAt: Date }> {
    const address = newAddress(name);
    await requestSubscription({ email: address, locale: "en", ip: freshIp(), alert: { kind: "query", query: "type=yoga" } });
    await confirmSubscription(confirmTokenIn((await mailsTo(mailDir, address)).at(-1)!));
    const unsubscribedAt = new Date();
    await db.subscriber.update({ where: { email: address }, data: { unsubscribedAt } });
    return { address, unsubscribedAt };
  }

  it("subscribes an unsubscribed address again only through the confirmation of a new alert", async () => {
    const { address, unsubscribedAt } = await unsubscribedWithAlert("again");
    await requestSubscription({ email: address, locale: "en", ip: freshIp(), alert: { kind: "query", query: "type=meditation" } });
    expect((await subscriberOf(address)).unsubscribedAt).toEqual(unsubscribedAt);
    expect(await confirmSubscription(confirmTokenIn((await mailsTo(mailDir, address)).at(-1)!))).toMatchObject({ destination: "alerts" });
    expect((await subscriberOf(address)).unsubscribedAt).toBeNull();
  });

  it("confirming a saved list does not restart the mail an unsubscribed address stopped", async () => {
    const { address, unsubscribedAt } = await unsubscribedWithAlert("saved-only");
    await requestSubscription({ email: address, locale: "en", ip: freshIp(), savedEventIds: [events[0]!.id] });
    expect(await confirmSubscription(confirmTokenIn((await mailsTo(mailDir, address)).at(-1)!))).toMatchObject({ destination: "saved" });
    const after = await subscriberOf(address);
    expect(after.unsubscribedAt).toEqual(unsubscribedAt);
    expect(after.savedEvents.map((row) => row.confirmedAt !== null)).toEqual([true]);
  });
});

describe("caps", () => {
  it("an alert is kept once per key; a query alert keeps the canonical query", async () => {
    const address = newAddress("dedupe");
    for (let round = 0; round < 2; round++) {
      await requestSubscription({ email: address, locale: "en", ip: freshIp(), alert: { kind: "query", query: "location=canggu&type=ecstatic-dance" } });
    }
    await requestSubscription({
      email: newAddress("other"),
      locale: "en",
      ip: freshIp(),
      alert: { kind: "query", query: "location=canggu&type=ecstatic-dance" },
    });
    const { alerts } = await subscriberOf(address);
    expect(alerts.map(({ kind, query, key, creatorId }) => ({ kind, query, key, creatorId }))).toEqual([
      { kind: "QUERY", query: "location=canggu&type=ecstatic-dance", key: "query:location=canggu&type=ecstatic-dance", creatorId: null },
    ]);
    const refused = await requestSubscription({
      email: address,
      locale: "en",
      ip: freshIp(),
      alert: { kind: "query", query: "type=yoga&location=canggu" },
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "INVALID_INPUT" });
  });

  it("an organiser alert needs an organiser with a public page", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const error = await requestSubscription({ email: newAddress("nobody"), locale: "en", ip: freshIp(), alert: { kind: "creator", creatorId: id } }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it(`a saved list holds at most ${MAX_SAVED_EVENTS} events, pending ones included; unknown and hidden events are left out`, async () => {
    const address = newAddress("cap");
    const base = await db.event.findUniqueOrThrow({
      where: { id: events[0]!.id },
      select: {
        description: true,
        startsAt: true,
        endsAt: true,
        durationMinutes: true,
        venueName: true,
        contactEmail: true,
        creatorId: true,
        locationId: true,
        eventTypeId: true,
        entranceTypeId: true,
        participantGroupId: true,
      },
    });
    const many = await db.event.createManyAndReturn({
      data: Array.from({ length: MAX_SAVED_EVENTS + 5 }, (_, index) => ({
        ...base,
        status: "PUBLISHED" as const,
        publishedAt: new Date(),
        slug: `cap-${index}-${Math.random().toString(36).slice(2, 8)}`,
        title: `Cap ${index}`,
      })),
      select: { id: true },
    });
    // Not the events themselves: an unknown id, a deleted event.
    const deleted = await createEvent({ creatorId, title: "Deleted", startsAt: new Date(Date.now() + 86_400_000), deletedAt: new Date() });
    await requestSubscription({
      email: address,
      locale: "en",
      ip: freshIp(),
      savedEventIds: ["00000000-0000-4000-8000-000000000000", deleted.id, ...many.map((row) => row.id)],
    });
    const { savedEvents } = await subscriberOf(address);
    expect(savedEvents).toHaveLength(MAX_SAVED_EVENTS);
    expect(savedEvents.some((row) => row.eventId === deleted.id)).toBe(false);
    // The newest saved (the end of the cookie's list) are the ones kept.
    expect(new Set(savedEvents.map((row) => row.eventId))).toEqual(new Set(many.slice(-MAX_SAVED_EVENTS).map((row) => row.id)));
    await db.event.deleteMany({ where: { id: { in: many.map((row) => row.id) } } });
  });
});

describe("limits", () => {
  it("5 subscriptions an hour from one IP, then RATE_LIMITED with a retry time", async () => {
    const ip = freshIp();
    for (let attempt = 0; attempt < 5; attempt++) await requestSubscription({ email: newAddress("ip"), locale: "en", ip });
    const error = await requestSubscription({ email: newAddress("ip"), locale: "en", ip }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "RATE_LIMITED" });
    expect((error as AppError).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("3 confirmation mails a day to one address; past that the same answer, no mail, nothing added", async () => {
    const address = newAddress("three");
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(requestSubscription({ email: address, locale: "en", ip: freshIp(), savedEventIds: [events[attempt]!.id] })).resolves.toBeUndefined();
    }
    await expect(
      requestSubscription({ email: address.toUpperCase(), locale: "en", ip: freshIp(), alert: { kind: "creator", creatorId } }),
    ).resolves.toBeUndefined();
    expect(await mailsTo(mailDir, address)).toHaveLength(3);
    expect((await subscriberOf(address)).alerts).toEqual([]);
  });
});
