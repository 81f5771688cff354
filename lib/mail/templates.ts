import { formatterFor } from "@/lib/i18n/format";
import { DEFAULT_LOCALE, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { siteUrl } from "@/lib/site";
import { formatBaliDateTime } from "@/lib/time/bali";
import type { TMailKind } from "./types";

/**
 * Every mail the site sends. Each returns `{ kind, subject, text }`; spread it
 * into `sendMail({ to, ...template(...) })`. `kind` becomes the job name in the
 * queue (see lib/jobs/policies.ts).
 */
type TTemplate = { kind: TMailKind; subject: string; text: string; secretUntil?: number };

/**
 * Mails to creators go out in the recipient's language (`users.language`; English when not given): subject and text
 * from the catalogue's "mail" namespace, links into the site in that language, dates in its formats. Mails to the
 * admins stay English (the admin pages are English).
 */
type TRecipientLanguage = { locale?: TLocale };

/** The absolute URL of a site path in a language: "/dashboard" → "https://zenbali.site/ru/dashboard". */
export function mailLink(locale: TLocale, path: string): string {
  return siteUrl(localizedPath(locale, path));
}

const SIGNATURE = "Zen Bali";

const HOUR_MS = 3_600_000;

/** `expiresAt`: when the token expires (default: 24 h from now, the token's lifetime). */
export function verificationMail({
  name,
  token,
  expiresAt,
  locale = DEFAULT_LOCALE,
}: { name: string; token: string; expiresAt?: Date } & TRecipientLanguage): TTemplate {
  const t = translatorFor(locale);
  const link = mailLink(locale, `/verify-email?token=${encodeURIComponent(token)}`);
  return {
    kind: "verification",
    secretUntil: expiresAt?.getTime() ?? Date.now() + 24 * HOUR_MS,
    subject: t("mail.verificationSubject"),
    text: [t("mail.hello", { name }), t("mail.verificationIntro"), link, t("mail.verificationValidity"), SIGNATURE].join("\n\n"),
  };
}

/** `expiresAt`: when the token expires (default: 1 h from now, the token's lifetime). */
export function passwordResetMail({
  name,
  token,
  expiresAt,
  locale = DEFAULT_LOCALE,
}: { name: string; token: string; expiresAt?: Date } & TRecipientLanguage): TTemplate {
  const t = translatorFor(locale);
  const link = mailLink(locale, `/reset-password?token=${encodeURIComponent(token)}`);
  return {
    kind: "password-reset",
    secretUntil: expiresAt?.getTime() ?? Date.now() + HOUR_MS,
    subject: t("mail.resetSubject"),
    text: [t("mail.hello", { name }), t("mail.resetIntro"), link, t("mail.resetValidity"), SIGNATURE].join("\n\n"),
  };
}

/** After a completed Stripe payment for an event submission. */
export function paymentReceiptMail({
  name,
  eventTitle,
  amountCents,
  paidAt,
  reference,
  locale = DEFAULT_LOCALE,
}: {
  name: string;
  eventTitle: string;
  amountCents: number;
  paidAt: Date;
  /** The Stripe payment or Checkout session id, for the creator's records. */
  reference: string;
} & TRecipientLanguage): TTemplate {
  const t = translatorFor(locale);
  return {
    kind: "payment-receipt",
    subject: t("mail.receiptSubject", { title: eventTitle }),
    text: [
      t("mail.hello", { name }),
      t("mail.receiptThanks"),
      [
        t("mail.receiptEvent", { title: eventTitle }),
        t("mail.receiptAmount", { amount: formatterFor(locale).usd(amountCents) }),
        t("mail.receiptPaid", { paidAt: formatterFor(locale).dateTime(paidAt) }),
        t("mail.receiptReference", { reference }),
      ].join("\n"),
      t("mail.receiptDashboard", { link: mailLink(locale, "/dashboard") }),
      SIGNATURE,
    ].join("\n\n"),
  };
}

/** When an event goes live on the site (after payment, or published by an admin). */
export function eventPublishedMail({
  name,
  eventTitle,
  slug,
  locale = DEFAULT_LOCALE,
}: { name: string; eventTitle: string; slug: string } & TRecipientLanguage): TTemplate {
  const t = translatorFor(locale);
  const link = mailLink(locale, `/events/${encodeURIComponent(slug)}`);
  return {
    kind: "event-published",
    subject: t("mail.publishedSubject", { title: eventTitle }),
    text: [
      t("mail.hello", { name }),
      t("mail.publishedIntro", { title: eventTitle }),
      link,
      t("mail.publishedShare", { link: mailLink(locale, "/dashboard") }),
      SIGNATURE,
    ].join("\n\n"),
  };
}

/** To the admins, when a visitor reports an event: the reason (its label), the visitor's text, and the way to the moderation queue. */
export function reportReceivedMail({
  eventTitle,
  slug,
  reason,
  details,
}: {
  eventTitle: string;
  slug?: string;
  reason: string;
  details?: string | null;
}): TTemplate {
  const eventLine = slug ? `\nEvent page: ${siteUrl(`/events/${encodeURIComponent(slug)}`)}` : "";
  return {
    kind: "report-received",
    subject: `Event reported: ${eventTitle}`,
    text: [
      `A visitor reported the event "${eventTitle}".`,
      `Reason: ${reason}${details ? `\nDetails: ${details}` : ""}${eventLine}`,
      `Review it in the moderation queue: ${siteUrl("/admin/moderation")}`,
      "Zen Bali",
    ].join("\n\n"),
  };
}

/** One event in a closed-day mail: its title, Bali start and page. */
type TClosedDayMailEvent = { title: string; slug: string; startsAt: Date };

function closedDayEventLines(events: TClosedDayMailEvent[], locale: TLocale): string {
  const format = formatterFor(locale);
  return events
    .map((event) => `- ${format.dateTime(event.startsAt)}: ${event.title}\n  ${mailLink(locale, `/events/${encodeURIComponent(event.slug)}`)}`)
    .join("\n");
}

/** To a creator whose series dates fell on a new island-wide closed day: they are cancelled, with the note. */
export function closedDayDatesCancelledMail({
  name,
  closedDayName,
  day,
  dates,
  locale = DEFAULT_LOCALE,
}: {
  name: string;
  closedDayName: string;
  /** The closed day in words, in the recipient's language: "Monday, 22 March 2027". */
  day: string;
  dates: TClosedDayMailEvent[];
} & TRecipientLanguage): TTemplate {
  const t = translatorFor(locale);
  const count = dates.length;
  return {
    kind: "closed-day-cancelled",
    subject: t("mail.cancelledSubject", { count, closedDay: closedDayName }),
    text: [
      t("mail.hello", { name }),
      t("mail.cancelledIntro", { day, closedDay: closedDayName, count }),
      closedDayEventLines(dates, locale),
      t("mail.cancelledOthers", { link: mailLink(locale, "/dashboard") }),
      SIGNATURE,
    ].join("\n\n"),
  };
}

/** To a creator whose one-off events fall on a new island-wide closed day: not cancelled, but worth a look. */
export function closedDayEventsFlaggedMail({
  name,
  closedDayName,
  day,
  events,
  locale = DEFAULT_LOCALE,
}: {
  name: string;
  closedDayName: string;
  day: string;
  events: TClosedDayMailEvent[];
} & TRecipientLanguage): TTemplate {
  const t = translatorFor(locale);
  const count = events.length;
  return {
    kind: "closed-day-flagged",
    subject: t("mail.flaggedSubject", { count, closedDay: closedDayName }),
    text: [
      t("mail.hello", { name }),
      t("mail.flaggedIntro", { day, closedDay: closedDayName, count }),
      closedDayEventLines(events, locale),
      t("mail.flaggedCheck", { count, link: mailLink(locale, "/dashboard") }),
      SIGNATURE,
    ].join("\n\n"),
  };
}

/** To the admins after a closed day was added: the one-off events on that day (flagged to their creators, not cancelled). */
export function closedDayAdminMail({
  closedDayName,
  day,
  cancelledDates,
  events,
}: {
  closedDayName: string;
  day: string;
  cancelledDates: number;
  events: (TClosedDayMailEvent & { organiser: string })[];
}): TTemplate {
  return {
    kind: "closed-day-admin",
    subject: `${closedDayName}: ${events.length} one-off ${events.length === 1 ? "event" : "events"} on a closed day`,
    text: [
      `${day} was added as an island-wide closed day: ${closedDayName}.`,
      `${cancelledDates} ${cancelledDates === 1 ? "date" : "dates"} of series cancelled. These one-off events on that day were not cancelled; their creators have been told:`,
      events
        .map(
          (event) => `- ${formatBaliDateTime(event.startsAt)}: ${event.title} (${event.organiser})\n  ${siteUrl(`/events/${encodeURIComponent(event.slug)}`)}`,
        )
        .join("\n"),
      `Closed days: ${siteUrl("/admin/reference#closed-days")}`,
      "Zen Bali",
    ].join("\n\n"),
  };
}
