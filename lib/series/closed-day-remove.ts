import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { CLOSED_DAYS_LOCK, closedDayDate } from "./closed-day-input";

/**
 * An admin removes a closed day, with one `closed_day.remove` audit row in the same transaction. Dates it cancelled
 * stay cancelled (their creators were told; a creator can post the date again); only dates created from now on are
 * no longer cancelled on that day. NOT_FOUND for an unknown id.
 */
export async function removeClosedDay({ actor, ip, id }: { actor: TAuditActor; ip?: string | null; id: unknown }): Promise<{ date: string; name: string }> {
  const value = typeof id === "string" && /^\d{1,9}$/.test(id) ? Number(id) : id;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) throw notFound();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLOSED_DAYS_LOCK}::bigint)`;
    const closedDay = await tx.closedDay.findUnique({ where: { id: value }, select: { id: true, date: true, name: true } });
    if (!closedDay) throw notFound();
    await tx.closedDay.delete({ where: { id: value } });
    const removed = { date: closedDayDate(closedDay.date), name: closedDay.name };
    await recordAudit(tx, { actor, action: "closed_day.remove", targetType: "closed_day", targetId: String(value), ip, summary: removed });
    return removed;
  });
}

function notFound(): AppError {
  return new AppError("NOT_FOUND", "This closed day does not exist (any more).");
}
