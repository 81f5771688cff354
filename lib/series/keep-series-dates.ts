import "server-only";
import { db, Prisma, type EventStatus } from "@/lib/db";
import { addBaliDays, fromBaliDateTime, toBaliDate } from "@/lib/time/bali";
import { cancelDatesOnClosedDaysIn } from "./closed-day-dates";
import { lockClosedDays, lockSeries } from "./lock-series";
import { dateColumn, lastPaidDate, ruleOfSeries, seriesDates, SERIES_LIMITS } from "./repeat-rule";
import { invalidateSeriesPages } from "./invalidate-series";
import { shareSeriesImage } from "./share-series-image";

const minDate = (a: string, b: string) => (a < b ? a : b);

/** A date's slug: the series' slug and the date ("sunrise-flow-a1b2-2026-12-08"). */
export function seriesDateSlug(seriesSlug: string, date: string): string {
  return `${seriesSlug}-${date}`;
}

/**
 * Creates the dates of a series that do not exist yet: every date of a series with an end, and for one that runs
 * on, those up to 12 weeks after `today` (Bali). Never a date before today, nor after "End the series".
 *
 * Idempotent, and safe at the same moment as any other writer of the series' dates (another run of the job, a
 * whole-series moderation, "Save this and following dates", "End the series", a closed day being added): one
 * transaction takes the closed-days lock (shared) and the series' row, in the order of lib/series/lock-series.ts,
 * then reads the series and its template and writes. So it sees what a writer before it committed (an unpublished
 * or deleted series gets no date, an ended one none after its end), and a writer after it sees its dates. A date that
 * exists is skipped by the insert itself (ON CONFLICT); a date removed by a change of rule (not one removed on its
 * own) that the rule gives again is restored. New dates copy every field of the series' latest date not edited on its
 * own (its template: "this and following" changes are applied to it), with their own start, end and slug; the
 * template's row is locked before it is copied, so a date changed on its own meanwhile is not copied. A series with no
 * such date has nothing to copy and gets no new dates. Dates on an island-wide closed day are cancelled in the same
 * transaction, so they are never listed.
 */
export async function keepSeriesDates(seriesId: string, { today = toBaliDate(new Date()) }: { today?: string } = {}): Promise<{ created: number }> {
  const kept = await db.$transaction(async (tx) => {
    await lockClosedDays(tx, "shared");
    if ((await lockSeries(tx, seriesId)).length === 0) return null;
    const series = await tx.eventSeries.findUniqueOrThrow({ where: { id: seriesId } });
    const template = await lockTemplate(tx, seriesId);
    // A draft series (or one an admin unpublished or deleted) gets its dates when it is published.
    if (!template || (template.status !== "PUBLISHED" && template.status !== "CANCELLED")) return null;
    const rule = ruleOfSeries(series);
    const start = { date: dateColumn(series.startDate), time: series.startTime };
    // A series that runs on is kept 12 weeks ahead, and runs at most 12 months: one posting fee covers that long.
    const rollingThrough = rule.until || rule.count ? undefined : minDate(addBaliDays(today, SERIES_LIMITS.rollingWeeks * 7), lastPaidDate(start.date));
    const endedAfter = series.endedAfter ? dateColumn(series.endedAfter) : undefined;
    const dates = seriesDates(rule, start, { through: rollingThrough, limit: SERIES_LIMITS.countMax + 100 }).filter(
      (date) => date >= today && (endedAfter === undefined || date <= endedAfter),
    );
    const created = dates.length > 0 ? await insertDates(tx, { series, templateId: template.id, dates }) : 0;
    // Through when its dates now exist: the rolling horizon, or a series' last date.
    if (dates.length > 0)
      await tx.eventSeries.update({ where: { id: seriesId }, data: { datesThrough: new Date(`${rollingThrough ?? dates.at(-1) ?? today}T00:00:00Z`) } });
    // Dates on an island-wide closed day are listed cancelled from the start.
    const cancelled = await cancelDatesOnClosedDaysIn(tx, seriesId, new Date());
    return { created, templateId: template.id, creatorId: series.creatorId, cancelled };
  });
  if (!kept) return { created: 0 };
  // The new dates show the template's picture.
  if (kept.created > 0) await shareSeriesImage({ seriesId, sourceEventId: kept.templateId });
  // The listings, the organiser's page and every date's page: their "Next dates" change.
  if (kept.created > 0 || kept.cancelled.length > 0)
    await invalidateSeriesPages(seriesId, [kept.creatorId, ...kept.cancelled.map((date) => date.creatorId)], { adminStats: kept.cancelled.length > 0 });
  return { created: kept.created };
}

/**
 * The series' template (its latest date not edited on its own and not deleted), its row locked until the
 * transaction ends. A date changed on its own between the two reads (unpublished, deleted, edited alone) no longer
 * qualifies when locked: the next latest is taken.
 */
async function lockTemplate(tx: Prisma.TransactionClient, seriesId: string): Promise<{ id: string; status: EventStatus } | null> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const [latest] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM events WHERE series_id = ${seriesId}::uuid AND NOT edited_alone AND deleted_at IS NULL ORDER BY series_date DESC LIMIT 1`;
    if (!latest) return null;
    const [locked] = await tx.$queryRaw<{ id: string; status: EventStatus }[]>`
      SELECT id, status FROM events WHERE id = ${latest.id}::uuid AND NOT edited_alone AND deleted_at IS NULL FOR UPDATE`;
    if (locked) return locked;
  }
  throw new Error(`Series ${seriesId}: its template kept changing while its dates were being kept`);
}

/** Inserts the dates that do not exist (or restores those a change of rule removed), copied from the template; how many. */
async function insertDates(
  tx: Prisma.TransactionClient,
  { series, templateId, dates }: { series: { slug: string; startTime: string; durationMinutes: number }; templateId: string; dates: string[] },
): Promise<number> {
  const columns = (
    await tx.$queryRaw<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'events'
        AND column_name NOT IN ('id', 'slug', 'starts_at', 'ends_at', 'series_date', 'search_vector', 'created_at', 'updated_at', 'published_at', 'cancelled_at', 'cancel_note', 'edited_alone', 'status')`
  ).map((row) => Prisma.raw(`"${row.column_name}"`));
  const rows = dates.map((date) => {
    const startsAt = fromBaliDateTime(date, series.startTime);
    return Prisma.sql`(${seriesDateSlug(series.slug, date)}::text, ${startsAt}::timestamptz, ${new Date(startsAt.getTime() + series.durationMinutes * 60_000)}::timestamptz, ${date}::date)`;
  });
  return tx.$executeRaw`
    INSERT INTO events (id, slug, starts_at, ends_at, series_date, created_at, updated_at, status, published_at, ${Prisma.join(columns)})
    SELECT gen_random_uuid(), d.slug, d.starts_at, d.ends_at, d.series_date, now(), now(),
           -- a cancelled template still gives dates that take place
           CASE WHEN t.status = 'CANCELLED' THEN 'PUBLISHED'::"EventStatus" ELSE t.status END,
           CASE WHEN t.status IN ('PUBLISHED', 'CANCELLED') THEN now() END,
           ${Prisma.join(columns.map((column) => Prisma.sql`t.${column}`))}
    FROM (VALUES ${Prisma.join(rows)}) AS d(slug, starts_at, ends_at, series_date)
    CROSS JOIN (SELECT * FROM events WHERE id = ${templateId}::uuid) t
    -- A date that a change of rule removed and a later rule gives again comes back (one removed on its own stays removed).
    ON CONFLICT (series_id, series_date) DO UPDATE
      SET starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, status = EXCLUDED.status, published_at = EXCLUDED.published_at,
          updated_at = now(), (${Prisma.join(columns)}) = ROW(${Prisma.join(columns.map((column) => Prisma.sql`EXCLUDED.${column}`))})
      WHERE events.deleted_at IS NOT NULL AND NOT events.edited_alone`;
}

/**
 * A series was just published (its first date, by "Publish" or by its payment): its other dates are created now.
 * Never fails the caller, which has published already; the hourly job creates what is missing.
 */
export async function publishSeriesDates(seriesId: string): Promise<void> {
  try {
    await keepSeriesDates(seriesId);
  } catch (error) {
    console.error(`Series ${seriesId} is published, but its dates could not be created yet (the hourly job will)`, error);
  }
}

/**
 * The scheduled job (queue "series", hourly): every series that runs on and is not ended gets its dates kept 12
 * weeks ahead. Only those whose dates end sooner than that are touched, so an hourly run is cheap.
 */
export async function keepAllSeriesDates({ today = toBaliDate(new Date()) }: { today?: string } = {}): Promise<{ series: number; created: number }> {
  const horizon = new Date(`${addBaliDays(today, SERIES_LIMITS.rollingWeeks * 7)}T00:00:00Z`);
  const due = await db.eventSeries.findMany({
    where: {
      OR: [{ endedAfter: null }, { endedAfter: { gte: new Date(`${today}T00:00:00Z`) } }],
      AND: [
        {
          OR: [
            // Never kept yet: a draft (nothing to do until it is published), or a published series whose dates could not be created then.
            { datesThrough: null },
            { untilDate: null, dateCount: null, datesThrough: { lt: horizon } },
          ],
        },
      ],
    },
    select: { id: true },
    take: 5_000,
  });
  let created = 0;
  for (const series of due) created += (await keepSeriesDates(series.id, { today })).created;
  return { series: due.length, created };
}
