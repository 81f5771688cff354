import "server-only";
import { db } from "@/lib/db";
import { namesOf, type TNames } from "@/lib/reference/localized-name";
import { closedDayDate } from "./closed-day-input";

export type TClosedDayRow = { id: number; date: string; name: string; names: TNames; createdAt: Date; createdBy: string | null };

/** Every closed day, by date, with its names in other languages and who added it. For the admin page only: never cached. */
export async function listClosedDays(): Promise<TClosedDayRow[]> {
  const rows = await db.closedDay.findMany({
    orderBy: { date: "asc" },
    select: { id: true, date: true, name: true, names: true, createdAt: true, createdBy: { select: { email: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    date: closedDayDate(row.date),
    name: row.name,
    names: namesOf(row.names),
    createdAt: row.createdAt,
    createdBy: row.createdBy?.email ?? null,
  }));
}
