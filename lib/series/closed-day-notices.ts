import "server-only";
import { db } from "@/lib/db";
import { sendMail, type TMail } from "@/lib/mail/send-mail";
import { closedDayAdminMail, closedDayDatesCancelledMail, closedDayEventsFlaggedMail } from "@/lib/mail/templates";
import { formatterFor } from "@/lib/i18n/format";
import { recipientLocale } from "@/lib/mail/recipient-locale";
import { localizedName, type TNames } from "@/lib/reference/localized-name";
import { startOfBaliDay } from "@/lib/time/bali";
import { formatClosedDay } from "./closed-day-input";

/** An event a closed day cancelled or flagged. */
export type TClosedDayEvent = { id: string; slug: string; title: string; startsAt: Date; creatorId: string; seriesId: string | null };

function byCreator(events: TClosedDayEvent[]): Map<string, TClosedDayEvent[]> {
  const groups = new Map<string, TClosedDayEvent[]>();
  for (const event of events) groups.set(event.creatorId, [...(groups.get(event.creatorId) ?? []), event]);
  return groups;
}

/**
 * The mails after a closed day was added, through the job queue: to each creator whose series dates were cancelled
 * (one mail listing them), to each creator of one-off events that day (one mail listing them: not cancelled, please
 * check), and, when there are such events, to every active admin (one mail listing them). The closed day is already
 * stored: this never throws; a mail that cannot be queued is logged.
 */
export async function notifyClosedDay({
  closedDay,
  cancelledDates,
  flaggedEvents,
}: {
  /** `names`: the closed day's name in the other languages (the creators' mails use theirs; English is `name`). */
  closedDay: { date: string; name: string; names?: TNames };
  cancelledDates: TClosedDayEvent[];
  flaggedEvents: TClosedDayEvent[];
}): Promise<void> {
  try {
    const cancelledBy = byCreator(cancelledDates);
    const flaggedBy = byCreator(flaggedEvents);
    const creators = await db.user.findMany({
      where: { id: { in: [...new Set([...cancelledBy.keys(), ...flaggedBy.keys()])] } },
      select: { id: true, name: true, email: true, organisation: true, language: true },
    });
    const creatorById = new Map(creators.map((creator) => [creator.id, creator]));
    const day = formatClosedDay(closedDay.date);
    // Each creator's mail in their language (users.language), the day too; the admins' stays English.
    const inLanguageOf = (creator: { name: string; language: string }) => {
      const locale = recipientLocale(creator.language);
      return {
        name: creator.name,
        closedDayName: localizedName(closedDay, locale),
        day: locale === "en" ? day : formatterFor(locale).longDate(startOfBaliDay(closedDay.date)),
        locale,
      };
    };
    const mails: TMail[] = [];
    for (const [creatorId, dates] of cancelledBy) {
      const creator = creatorById.get(creatorId);
      if (creator) mails.push({ to: creator.email, ...closedDayDatesCancelledMail({ ...inLanguageOf(creator), dates }) });
    }
    for (const [creatorId, events] of flaggedBy) {
      const creator = creatorById.get(creatorId);
      if (creator) mails.push({ to: creator.email, ...closedDayEventsFlaggedMail({ ...inLanguageOf(creator), events }) });
    }
    if (flaggedEvents.length > 0) {
      const admins = await db.user.findMany({ where: { role: "ADMIN", isActive: true }, select: { email: true } });
      const template = closedDayAdminMail({
        closedDayName: closedDay.name,
        day,
        cancelledDates: cancelledDates.length,
        events: flaggedEvents.map((event) => {
          const creator = creatorById.get(event.creatorId);
          return { ...event, organiser: creator ? creator.organisation || creator.name : "unknown organiser" };
        }),
      });
      for (const admin of admins) mails.push({ to: admin.email, ...template });
    }
    const results = await Promise.allSettled(mails.map((mail) => sendMail(mail)));
    for (const [index, result] of results.entries()) {
      if (result.status === "rejected") console.error(`closed-day mail to ${mails[index]?.to ?? "?"} failed`, result.reason);
    }
  } catch (error) {
    console.error("closed day stored, but its mails could not be queued", error);
  }
}
