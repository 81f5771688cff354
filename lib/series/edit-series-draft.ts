import "server-only";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { eventNotFound, ownedEventWhere, type TEventActor } from "@/lib/events/event-access";
import { INVALID_FORM_MESSAGE } from "@/lib/events/event-form-data";
import { eventSlug } from "@/lib/events/event-slug";
import { fromBaliDateTime, toBaliDate, toBaliTime } from "@/lib/time/bali";
import { storedRuleOf } from "./create-series";
import { seriesDateSlug } from "./keep-series-dates";
import { lockSeries } from "./lock-series";
import { synchronizedStart, type TRepeatRule } from "./repeat-rule";

/**
 * The Repeats fields of a draft (or an event awaiting payment), after its other fields were saved (editEvent): a
 * draft is not public, and is one row even in a series, so its rule can still change freely. A rule makes it a
 * series (or changes its series: the rule, the start, the duration; the first date moves to the rule's first);
 * "Does not repeat" makes a draft series a single event again.
 *
 * The rule comes parsed and checked by the caller (parseEventFormWithRepeat) before the other fields were saved,
 * so a bad rule is refused before anything is written. A draft already in a series is changed under the series' row
 * lock; CONFLICT when it was published meanwhile (its dates are being created).
 */
export async function saveDraftRepeat({ actor, eventId, rule }: { actor: TEventActor; eventId: string; rule: TRepeatRule | null }) {
  const event = await db.event.findFirst({
    where: { ...ownedEventWhere(actor, eventId), status: { in: ["DRAFT", "AWAITING_PAYMENT"] } },
    select: { id: true, title: true, startsAt: true, durationMinutes: true, creatorId: true, seriesId: true, series: { select: { slug: true } } },
  });
  if (!event) throw eventNotFound();

  if (!rule) {
    if (!event.seriesId) return;
    const seriesId = event.seriesId;
    // "Does not repeat": the draft leaves its series, which had no other date.
    await db.$transaction(async (tx) => {
      await lockSeries(tx, seriesId);
      await stillADraft(tx, event.id);
      await tx.event.update({ where: { id: event.id }, data: { seriesId: null, seriesDate: null, slug: eventSlug(event.title) } });
      await tx.eventSeries.delete({ where: { id: seriesId } });
    });
    return;
  }

  const typed = { date: toBaliDate(event.startsAt), time: toBaliTime(event.startsAt) };
  const first = synchronizedStart(rule, typed);
  if (!first) throw new AppError("INVALID_INPUT", INVALID_FORM_MESSAGE, { fields: { days: "No date matches these settings." } });
  const startsAt = fromBaliDateTime(first.date, first.time);
  const seriesColumns = {
    ...storedRuleOf(rule),
    startDate: new Date(`${first.date}T00:00:00Z`),
    startTime: first.time,
    durationMinutes: event.durationMinutes,
  };
  await db.$transaction(async (tx) => {
    if (event.seriesId) {
      await lockSeries(tx, event.seriesId);
      await stillADraft(tx, event.id);
    }
    const series = event.seriesId
      ? { id: event.seriesId, slug: event.series?.slug ?? eventSlug(event.title) }
      : await tx.eventSeries.create({ data: { slug: eventSlug(event.title), creatorId: event.creatorId, ...seriesColumns }, select: { id: true, slug: true } });
    if (event.seriesId) await tx.eventSeries.update({ where: { id: event.seriesId }, data: seriesColumns });
    await tx.event.update({
      where: { id: event.id },
      data: {
        seriesId: series.id,
        seriesDate: new Date(`${first.date}T00:00:00Z`),
        slug: seriesDateSlug(series.slug, first.date),
        startsAt,
        endsAt: new Date(startsAt.getTime() + event.durationMinutes * 60_000),
      },
    });
  });
}

/**
 * Under the series' row lock (lib/series/lock-series.ts): the draft is still one (not published meanwhile, by its
 * payment say, whose dates the keep-dates job then creates), and its row is locked until the transaction ends, so
 * its series can still change freely.
 */
async function stillADraft(tx: Prisma.TransactionClient, eventId: string): Promise<void> {
  const [draft] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM events WHERE id = ${eventId}::uuid AND deleted_at IS NULL AND status IN ('DRAFT', 'AWAITING_PAYMENT') FOR UPDATE`;
  if (!draft) throw new AppError("CONFLICT", "This event was published meanwhile: reload the page to edit its dates.");
}
