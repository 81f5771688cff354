import "server-only";
import { db, Prisma } from "@/lib/db";
import type { TEventFormColumns } from "@/lib/events/event-form-data";
import { eventSlug } from "@/lib/events/event-slug";
import { fromBaliDateTime, toBaliDate, toBaliTime } from "@/lib/time/bali";
import { seriesDateSlug } from "./keep-series-dates";
import { synchronizedStart, validateRepeatRule, type TRepeatRule } from "./repeat-rule";

/** A rule as event_series stores it. */
export function storedRuleOf(rule: TRepeatRule) {
  return {
    frequency: rule.frequency === "weekly" ? ("WEEKLY" as const) : rule.frequency === "biweekly" ? ("BIWEEKLY" as const) : ("MONTHLY" as const),
    weekdays: rule.frequency === "monthly" ? [] : (rule.days ?? []),
    monthly: rule.frequency !== "monthly" ? null : rule.monthly === "weekday" ? ("WEEKDAY" as const) : ("DATE" as const),
    untilDate: rule.until ? new Date(`${rule.until}T00:00:00Z`) : null,
    dateCount: rule.count ?? null,
  };
}

/**
 * A new series as a DRAFT: the series (its rule, its start in Bali time, its duration) and its first date, an event
 * row like any other, in one transaction. The first date is the rule's first: a start on a Monday for "every Tue
 * and Thu" moves to the Tuesday. The other dates are created when the series is published (keepSeriesDates), so a
 * draft is one row, and one posting fee publishes them all.
 *
 * Refusals: AppError INVALID_INPUT with a message per repeat field (validateRepeatRule).
 */
export async function insertSeriesDraft(
  columns: TEventFormColumns,
  creatorId: string,
  rule: TRepeatRule,
  {
    publishedAt,
    inTransaction,
  }: {
    /** Published at once (POST /api/v1/events), not a draft; the caller then creates the other dates (keepSeriesDates). */
    publishedAt?: Date;
    /** More writes in the same transaction (the API's audit row). */
    inTransaction?: (tx: Prisma.TransactionClient, created: { id: string; slug: string; title: string; startsAt: Date }) => Promise<void>;
  } = {},
): Promise<{ id: string; slug: string; seriesId: string }> {
  const typed = { date: toBaliDate(columns.startsAt), time: toBaliTime(columns.startsAt) };
  validateRepeatRule(rule, typed);
  const first = synchronizedStart(rule, typed) ?? typed;
  const startsAt = fromBaliDateTime(first.date, first.time);
  for (let attempt = 1; ; attempt++) {
    const slug = eventSlug(columns.title);
    try {
      return await db.$transaction(async (tx) => {
        const series = await tx.eventSeries.create({
          data: {
            slug,
            creatorId,
            ...storedRuleOf(rule),
            startDate: new Date(`${first.date}T00:00:00Z`),
            startTime: first.time,
            durationMinutes: columns.durationMinutes,
          },
          select: { id: true },
        });
        const created = await tx.event.create({
          data: {
            ...columns,
            startsAt,
            endsAt: new Date(startsAt.getTime() + columns.durationMinutes * 60_000),
            slug: seriesDateSlug(slug, first.date),
            status: publishedAt ? "PUBLISHED" : "DRAFT",
            publishedAt: publishedAt ?? null,
            creatorId,
            seriesId: series.id,
            seriesDate: new Date(`${first.date}T00:00:00Z`),
          },
          select: { id: true, slug: true, title: true, startsAt: true },
        });
        if (inTransaction) await inTransaction(tx, created);
        return { id: created.id, slug: created.slug, seriesId: series.id };
      });
    } catch (error) {
      const slugTaken = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!slugTaken || attempt >= 5) throw error;
    }
  }
}
