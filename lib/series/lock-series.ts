import "server-only";
import { Prisma } from "@/lib/db";
import { CLOSED_DAYS_LOCK } from "./closed-day-input";

/**
 * The locks every writer of a series' dates takes, always in this order, so that writers of one series run one after
 * the other and two writers never wait for each other in a circle (a deadlock):
 *
 * 1. the closed-days advisory lock, when the writer needs it: shared to cancel dates on closed days (keepSeriesDates,
 *    cancelDatesOnClosedDays, a whole-series publish), exclusive to add or remove a closed day;
 * 2. the series' `event_series` rows, FOR UPDATE, ordered by id (lockSeries);
 * 3. then the rows of their dates.
 *
 * A writer reads what it decides on (the series' rule and end, its template, its first date) after step 2, in the
 * same transaction as its writes: whatever another writer changed is committed by then, and nothing changes it
 * until this transaction ends. Writers of one date on its own (edit, cancel, delete, a moderation of "this date
 * only") lock just that date's row, which keepSeriesDates locks too before it copies it (its template).
 */

/** Step 1: the closed-days advisory lock, held until the transaction ends. */
export async function lockClosedDays(tx: Prisma.TransactionClient, mode: "shared" | "exclusive"): Promise<void> {
  if (mode === "shared") await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${CLOSED_DAYS_LOCK}::bigint)`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLOSED_DAYS_LOCK}::bigint)`;
}

/** Step 2: the rows of these series, ordered by id, until the transaction ends; the ids of those that exist. */
export async function lockSeries(tx: Prisma.TransactionClient, seriesIds: string | string[]): Promise<string[]> {
  const ids = [...new Set(typeof seriesIds === "string" ? [seriesIds] : seriesIds)];
  if (ids.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM event_series WHERE id IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))}) ORDER BY id FOR UPDATE`;
  return rows.map((row) => row.id);
}
