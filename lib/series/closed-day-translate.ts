import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { invalidatePublicCaches } from "@/lib/cache/public-cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { namesOf, type TNames } from "@/lib/reference/localized-name";
import { cleanReferenceNames, sameNames } from "@/lib/reference/reference-names-input";
import { CLOSED_DAY_NAME_MAX, closedDayDate } from "./closed-day-input";

export type TClosedDayTranslated = { id: number; date: string; name: string; names: TNames; changed: boolean };

/**
 * An admin changes a closed day's names in other languages ({ "id": "…", "ru": "…" }; an empty or missing language
 * shows the English name). The English name stays: the notes of the dates it cancelled ("Cancelled: <name>") and the
 * mails already sent name it, and the notes find their closed day by it (lib/series/closed-day-note-names.ts). One
 * `closed_day.translate` audit row, in the same transaction; an unchanged set writes nothing. Cards and calendars show
 * the notes in the reader's language, so every public page is emptied.
 */
export async function translateClosedDay({
  actor,
  ip,
  id,
  names: rawNames,
}: {
  actor: TAuditActor;
  ip?: string | null;
  id: unknown;
  names: unknown;
}): Promise<TClosedDayTranslated> {
  const value = typeof id === "string" && /^\d{1,9}$/.test(id) ? Number(id) : id;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) throw notFound();
  const names = cleanReferenceNames(rawNames ?? {}, CLOSED_DAY_NAME_MAX) ?? {};
  const result = await db.$transaction(async (tx) => {
    const closedDay = await tx.closedDay.findUnique({ where: { id: value }, select: { id: true, date: true, name: true, names: true } });
    if (!closedDay) throw notFound();
    const before = namesOf(closedDay.names);
    const translated = { id: closedDay.id, date: closedDayDate(closedDay.date), name: closedDay.name, names, changed: !sameNames(names, before) };
    if (!translated.changed) return { ...translated, names: before };
    await tx.closedDay.update({ where: { id: value }, data: { names } });
    await recordAudit(tx, {
      actor,
      action: "closed_day.translate",
      targetType: "closed_day",
      targetId: String(value),
      ip,
      summary: { date: translated.date, name: closedDay.name, before: { names: before }, after: { names } },
    });
    return translated;
  });
  if (result.changed) await invalidatePublicCaches("reference");
  return result;
}

function notFound(): AppError {
  return new AppError("NOT_FOUND", "This closed day does not exist (any more).");
}
