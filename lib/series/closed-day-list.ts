import "server-only";
import { db } from "@/lib/db";
import { closedDayDate } from "./closed-day-input";

export type TClosedDayRow = { id: number; date: string; name: string; createdAt: Date; createdBy: string | null };

/** Every closed day, by date, with who added it. For the admin page only: never cached. */
export async function listClosedDays(): Promise<TClosedDayRow[]> {
  const rows = await db.closedDay.findMany({
    orderBy: { date: "asc" },
    select: { id: true, date: true, name: true, createdAt: true, createdBy: { select: { email: true } } },
  });
  return rows.map((row) => ({ id: row.id, date: closedDayDate(row.date), name: row.name, createdAt: row.createdAt, createdBy: row.createdBy?.email ?? null }));
}
