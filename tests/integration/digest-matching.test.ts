import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { alertQueryOf, matchDigestEvents, MAX_DIGEST_EVENTS } from "@/lib/digest/match-digest-events";
import { openDigestRun } from "@/lib/digest/run-digest";
import { fromBaliDateTime } from "@/lib/time/bali";
import { clearEvents, createCreator } from "../support/fixtures";
import { ago, clearDigestData, createSeries, createSubscriber, CUTOFF, DAY, later, LAST_DIGEST, newEvent } from "../support/digest-fixtures";

/**
 * Which new events a digest lists for whom: the listing's own filters over the events published since the
 * subscriber's last digest, a series once, at most 20 soonest first; and which subscribers a run owes a mail.
 */

let creatorId: string;
let otherCreatorId: string;

async function matchesOf(subscriberId: string) {
  const { run } = await openDigestRun({ now: CUTOFF });
  const [match] = await matchDigestEvents({ runId: run.id, cutoff: run.cutoff, subscriberIds: [subscriberId] });
  return match;
}

async function titlesOf(eventIds: readonly string[]) {
  const events = await db.event.findMany({ where: { id: { in: [...eventIds] } }, select: { id: true, title: true } });
  return eventIds.map((id) => events.find((event) => event.id === id)?.title);
}

beforeAll(async () => {
  await clearEvents();
  await clearDigestData();
  creatorId = (await createCreator({ name: "Made Wirawan" })).id;
  otherCreatorId = (await createCreator({ name: "Anna Petrova", organisation: "Canggu Movement" })).id;
});

afterEach(async () => {
  await clearDigestData();
  await clearEvents();
});

afterAll(async () => {
  await disconnectDb();
});

describe("the digest's matching", () => {
  it("lists a newly published event matching location=canggu&type=ecstatic-dance, and none that does not match or is not new and public", async () => {
    const matching = await newEvent(creatorId, { title: "Canggu Ecstatic Dance Night" });
    await newEvent(creatorId, { title: "Ubud Ecstatic Dance", locationSlug: "ubud" });
    await newEvent(creatorId, { title: "Canggu Yoga", typeSlug: "yoga" });
    await newEvent(creatorId, { title: "Published Before The Last Digest", publishedAt: ago(1, LAST_DIGEST) });
    await newEvent(creatorId, { title: "Published After The Cutoff", publishedAt: later(1 / 24) });
    await newEvent(creatorId, { title: "A Draft", status: "DRAFT", publishedAt: null });
    await newEvent(creatorId, { title: "Deleted", deletedAt: ago(1) });
    await newEvent(creatorId, { title: "Cancelled", status: "CANCELLED" });
    await newEvent(creatorId, { title: "Over Before The Digest", startsAt: ago(1), publishedAt: ago(3) });
    const subscriber = await createSubscriber({ alerts: [{ query: "location=canggu&type=ecstatic-dance" }] });

    const match = await matchesOf(subscriber.id);
    expect(await titlesOf(match!.eventIds)).toEqual(["Canggu Ecstatic Dance Night"]);
    expect(match).toMatchObject({ total: 1, alertIds: [subscriber.alerts[0]!.id] });
    expect(match!.eventIds).toEqual([matching.id]);
  });

  it("uses the listing's filters: search words and prefixes, price, entrance, language, dates", async () => {
    await newEvent(creatorId, { title: "Holotropic Breathwork Journey", typeSlug: "breathwork", feeIdr: 250_000, languages: ["en", "ru"] });
    await newEvent(creatorId, { title: "Free Breathwork Circle", typeSlug: "breathwork", languages: ["en"] });
    await newEvent(creatorId, { title: "Meditation In Russian", typeSlug: "meditation", languages: ["ru"], startsAt: fromBaliDateTime("2030-02-20", "09:00") });
    const cases: [string, string[]][] = [
      ["q=breathwork", ["Free Breathwork Circle", "Holotropic Breathwork Journey"]],
      ["q=holo", ["Holotropic Breathwork Journey"]],
      ["q=breathwork&price=free", ["Free Breathwork Circle"]],
      ["price=paid", ["Holotropic Breathwork Journey"]],
      ["entrance=free", ["Free Breathwork Circle", "Meditation In Russian"]],
      ["lang=ru", ["Holotropic Breathwork Journey", "Meditation In Russian"]],
      ["from=2030-02-01", ["Meditation In Russian"]],
      ["to=2030-01-31&lang=ru", ["Holotropic Breathwork Journey"]],
      ["", ["Free Breathwork Circle", "Holotropic Breathwork Journey", "Meditation In Russian"]],
      ["location=nowhere-at-all", []],
    ];
    for (const [query, expected] of cases) {
      const subscriber = await createSubscriber({ alerts: [{ query }] });
      const match = await matchesOf(subscriber.id);
      expect((await titlesOf(match!.eventIds)).sort(), query).toEqual(expected);
    }
  });

  it("an organiser's alert lists that organiser's new events only", async () => {
    await newEvent(otherCreatorId, { title: "Anna's Contact Improv", typeSlug: "workshop", locationSlug: "ubud" });
    await newEvent(creatorId, { title: "Made's Dance" });
    const subscriber = await createSubscriber({ alerts: [{ creatorId: otherCreatorId }] });
    expect(await titlesOf((await matchesOf(subscriber.id))!.eventIds)).toEqual(["Anna's Contact Improv"]);
  });

  it("a subscriber's alerts together: each event once, soonest first, at most 20, with the total", async () => {
    for (let day = 0; day < 25; day++) {
      // Published in the reverse order of their dates: the mail is ordered by date.
      await newEvent(creatorId, {
        title: `Dance ${String(day).padStart(2, "0")}`,
        startsAt: new Date(fromBaliDateTime("2030-01-05", "18:00").getTime() + day * DAY),
        publishedAt: ago(1 + day / 100),
      });
    }
    const subscriber = await createSubscriber({ alerts: [{ query: "type=ecstatic-dance" }, { query: "location=canggu" }, { creatorId }] });
    const match = (await matchesOf(subscriber.id))!;
    expect(match.total).toBe(25);
    expect(match.eventIds).toHaveLength(MAX_DIGEST_EVENTS);
    expect(await titlesOf(match.eventIds)).toEqual(Array.from({ length: 20 }, (_, day) => `Dance ${String(day).padStart(2, "0")}`));
    expect(match.alertIds.sort()).toEqual(subscriber.alerts.map((alert) => alert.id).sort());
  });

  it("a new series shows once, at its soonest date; a new date of an older series is not news", async () => {
    await createSeries(creatorId, { title: "New Weekly Dance", firstDate: "2030-01-08", dates: 6, publishedAt: () => ago(2) });
    // Published months ago; its hourly job just added (and published) a date 12 weeks ahead.
    await createSeries(creatorId, { title: "Old Weekly Dance", firstDate: "2029-10-02", dates: 16, publishedAt: (index) => (index < 15 ? ago(90) : ago(1)) });
    const subscriber = await createSubscriber({ alerts: [{ query: "type=ecstatic-dance" }] });
    const match = (await matchesOf(subscriber.id))!;
    expect(await titlesOf(match.eventIds)).toEqual(["New Weekly Dance"]);
    const first = await db.event.findUniqueOrThrow({ where: { id: match.eventIds[0] }, select: { startsAt: true } });
    expect(first.startsAt).toEqual(fromBaliDateTime("2030-01-08", "18:00"));
    expect(match.total).toBe(1);
  });

  it("a first digest counts from the alert's confirmation, a later alert from its own", async () => {
    await newEvent(creatorId, { title: "Before The Alert", publishedAt: ago(5) });
    await newEvent(creatorId, { title: "After The Alert", publishedAt: ago(2) });
    const fresh = await createSubscriber({ digestedUntil: null, confirmedAt: ago(3), alertConfirmedAt: ago(3), alerts: [{ query: "location=canggu" }] });
    expect(await titlesOf((await matchesOf(fresh.id))!.eventIds)).toEqual(["After The Alert"]);
    const older = await createSubscriber({ digestedUntil: LAST_DIGEST, alertConfirmedAt: ago(3), alerts: [{ query: "location=canggu" }] });
    expect(await titlesOf((await matchesOf(older.id))!.eventIds)).toEqual(["After The Alert"]);
  });

  it("a run owes a mail to confirmed, subscribed subscribers with a confirmed alert only", async () => {
    const owed = await createSubscriber({ alerts: [{ query: "location=canggu" }] });
    await createSubscriber({ confirmedAt: null, alerts: [{ query: "location=canggu" }] });
    await createSubscriber({ unsubscribedAt: ago(1), alerts: [{ query: "location=canggu" }] });
    await createSubscriber({ alertConfirmedAt: null, alerts: [{ query: "location=canggu" }] });
    await createSubscriber({ alertConfirmedAt: later(1), alerts: [{ query: "location=canggu" }] });
    await createSubscriber({ confirmedAt: later(1), alerts: [{ query: "location=canggu" }] });
    await createSubscriber({ alerts: [] });
    const { run } = await openDigestRun({ now: CUTOFF });
    const deliveries = await db.digestDelivery.findMany({ where: { runId: run.id } });
    expect(deliveries.map((delivery) => delivery.subscriberId)).toEqual([owed.id]);
    expect(deliveries[0]).toMatchObject({ status: "PENDING", attempts: 0, sentAt: null });
  });

  it("a second opening of the week's run (a repeat, a second worker) finds the same run and adds no delivery", async () => {
    await createSubscriber({ alerts: [{ query: "" }] });
    const first = await openDigestRun({ now: CUTOFF });
    const second = await openDigestRun({ now: later(1 / 24) });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.run).toEqual(first.run);
    expect(first.run.week).toBe("2030-W01");
    expect(await db.digestDelivery.count({ where: { runId: first.run.id } })).toBe(1);
  });

  it("matches many subscribers with a few statements, not one per subscriber", async () => {
    await newEvent(creatorId, { title: "Canggu Dance" });
    const queries = ["location=canggu", "type=ecstatic-dance", "q=dance", "location=ubud"];
    for (let index = 0; index < 40; index++) await createSubscriber({ alerts: [{ query: queries[index % queries.length]! }, { creatorId }] });
    const { run } = await openDigestRun({ now: CUTOFF });
    let count = 0;
    // Every statement Prisma sends goes through pg.Client#query.
    const query = vi.spyOn(pg.Client.prototype, "query");
    try {
      const matches = await matchDigestEvents({ runId: run.id, cutoff: run.cutoff });
      expect(matches).toHaveLength(40);
      expect(matches.filter((match) => match.total === 1)).toHaveLength(40);
      count = query.mock.calls.length;
    } finally {
      query.mockRestore();
    }
    // Pending subscribers, their alerts, the new events, and the distinct queries (4 of them: one statement).
    expect(count).toBe(4);
  });

  it("reads an alert's query as the listing does: canonical order, page and sort left out, a bad value dropped", () => {
    expect(alertQueryOf("type=ecstatic-dance&location=canggu&page=3&sort=newest").key).toBe("location=canggu&type=ecstatic-dance");
    expect(alertQueryOf("price=gratis&location=canggu").key).toBe("location=canggu");
    expect(alertQueryOf("").key).toBe("");
  });
});
