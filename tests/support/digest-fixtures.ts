import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { fromBaliDateTime } from "@/lib/time/bali";
import { createEvent } from "./fixtures";

/**
 * Subscribers, alerts and events for the digest tests, written straight with Prisma (subscribing itself, with its
 * double opt-in, is tested elsewhere). Every address ends in @digest.test, which `clearDigestData` removes.
 */

/** Thursday 3 January 2030, 08:00 in Bali: a digest's cutoff (ISO week 2030-W01). */
export const CUTOFF = fromBaliDateTime("2030-01-03", "08:00");
export const DAY = 86_400_000;
/** The previous digest, a week before. */
export const LAST_DIGEST = new Date(CUTOFF.getTime() - 7 * DAY);
export const ago = (days: number, from = CUTOFF) => new Date(from.getTime() - days * DAY);
export const later = (days: number, from = CUTOFF) => new Date(from.getTime() + days * DAY);

export type TAlertSpec = { query: string } | { creatorId: string };

export async function createSubscriber({
  alerts = [],
  language = "en",
  digestedUntil = LAST_DIGEST,
  confirmedAt = ago(30),
  alertConfirmedAt = ago(30),
  unsubscribedAt = null,
}: {
  alerts?: TAlertSpec[];
  language?: string;
  digestedUntil?: Date | null;
  confirmedAt?: Date | null;
  alertConfirmedAt?: Date | null;
  unsubscribedAt?: Date | null;
} = {}) {
  const token = randomBytes(32).toString("base64url");
  const subscriber = await db.subscriber.create({
    data: { email: `s-${token.slice(0, 12).toLowerCase()}@digest.test`, token, language, confirmedAt, digestedUntil, unsubscribedAt },
  });
  const created = [];
  for (const alert of alerts) {
    created.push(
      await db.alert.create({
        data:
          "query" in alert
            ? { subscriberId: subscriber.id, kind: "QUERY", query: alert.query, key: `query:${alert.query}`, confirmedAt: alertConfirmedAt }
            : { subscriberId: subscriber.id, kind: "CREATOR", creatorId: alert.creatorId, key: `creator:${alert.creatorId}`, confirmedAt: alertConfirmedAt },
      }),
    );
  }
  return { ...subscriber, alerts: created };
}

/** A one-off event in Canggu on 10 January 2030 (ecstatic dance unless said otherwise), published 2 days before the cutoff. */
export function newEvent(creatorId: string, overrides: Partial<Parameters<typeof createEvent>[0]> = {}) {
  return createEvent({
    creatorId,
    title: "Sunset Ecstatic Dance",
    locationSlug: "canggu",
    typeSlug: "ecstatic-dance",
    startsAt: fromBaliDateTime("2030-01-10", "17:00"),
    publishedAt: ago(2),
    ...overrides,
  });
}

/** A weekly series with `dates` dates from `firstDate` (Bali dates 7 days apart), each published at `publishedAt(i)`. */
export async function createSeries(
  creatorId: string,
  {
    title,
    firstDate,
    dates,
    publishedAt,
    locationSlug = "canggu",
    typeSlug = "ecstatic-dance",
  }: {
    title: string;
    firstDate: string;
    dates: number;
    publishedAt: (index: number) => Date;
    locationSlug?: string;
    typeSlug?: string;
  },
) {
  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomBytes(3).toString("hex")}`;
  const series = await db.eventSeries.create({
    data: {
      slug,
      creatorId,
      frequency: "WEEKLY",
      weekdays: [],
      startDate: new Date(`${firstDate}T00:00:00Z`),
      startTime: "18:00",
      durationMinutes: 120,
    },
  });
  const events = [];
  for (let index = 0; index < dates; index++) {
    const startsAt = new Date(fromBaliDateTime(firstDate, "18:00").getTime() + index * 7 * DAY);
    const date = new Date(startsAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const event = await createEvent({ creatorId, title, startsAt, durationMinutes: 120, locationSlug, typeSlug, publishedAt: publishedAt(index) });
    events.push(
      await db.event.update({ where: { id: event.id }, data: { seriesId: series.id, seriesDate: new Date(`${date}T00:00:00Z`), slug: `${slug}-${date}` } }),
    );
  }
  return { series, events };
}

/** Removes the digest runs and every subscriber of these tests (their alerts and deliveries go with them). */
export async function clearDigestData() {
  await db.digestRun.deleteMany();
  await db.subscriber.deleteMany({ where: { email: { endsWith: "@digest.test" } } });
}
