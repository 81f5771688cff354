import { formatUsdCents } from "@/lib/format/money";
import { siteUrl } from "@/lib/site";
import { formatBaliDateTime } from "@/lib/time/bali";
import type { TMailKind } from "./types";

/**
 * Every mail the site sends. Each returns `{ kind, subject, text }`; spread it
 * into `sendMail({ to, ...template(...) })`. `kind` becomes the job name in the
 * queue (see lib/jobs/policies.ts).
 */
type TTemplate = { kind: TMailKind; subject: string; text: string; secretUntil?: number };

const HOUR_MS = 3_600_000;

/** `expiresAt`: when the token expires (default: 24 h from now, the token's lifetime). */
export function verificationMail({ name, token, expiresAt }: { name: string; token: string; expiresAt?: Date }): TTemplate {
  const link = siteUrl(`/verify-email?token=${encodeURIComponent(token)}`);
  return {
    kind: "verification",
    secretUntil: expiresAt?.getTime() ?? Date.now() + 24 * HOUR_MS,
    subject: "Verify your email for Zen Bali",
    text: [
      `Hello ${name},`,
      "Please verify your email address to publish events on Zen Bali:",
      link,
      "The link is valid for 24 hours and can be used once. If you did not sign up, you can ignore this email.",
      "Zen Bali",
    ].join("\n\n"),
  };
}

/** `expiresAt`: when the token expires (default: 1 h from now, the token's lifetime). */
export function passwordResetMail({ name, token, expiresAt }: { name: string; token: string; expiresAt?: Date }): TTemplate {
  const link = siteUrl(`/reset-password?token=${encodeURIComponent(token)}`);
  return {
    kind: "password-reset",
    secretUntil: expiresAt?.getTime() ?? Date.now() + HOUR_MS,
    subject: "Reset your Zen Bali password",
    text: [
      `Hello ${name},`,
      "Someone asked to reset the password of your Zen Bali account. To choose a new password, open:",
      link,
      "The link is valid for 1 hour and can be used once. If it was not you, ignore this email: your password stays as it is.",
      "Zen Bali",
    ].join("\n\n"),
  };
}

/** After a completed Stripe payment for an event submission. */
export function paymentReceiptMail({
  name,
  eventTitle,
  amountCents,
  paidAt,
  reference,
}: {
  name: string;
  eventTitle: string;
  amountCents: number;
  paidAt: Date;
  /** The Stripe payment or Checkout session id, for the creator's records. */
  reference: string;
}): TTemplate {
  return {
    kind: "payment-receipt",
    subject: `Your Zen Bali receipt: ${eventTitle}`,
    text: [
      `Hello ${name},`,
      "Thank you for your payment.",
      `Event: ${eventTitle}\nAmount: ${formatUsdCents(amountCents)}\nPaid: ${formatBaliDateTime(paidAt)} (Bali time)\nReference: ${reference}`,
      `Your events and payments: ${siteUrl("/dashboard")}`,
      "Zen Bali",
    ].join("\n\n"),
  };
}

/** When an event goes live on the site (after payment, or published by an admin). */
export function eventPublishedMail({ name, eventTitle, slug }: { name: string; eventTitle: string; slug: string }): TTemplate {
  const link = siteUrl(`/events/${encodeURIComponent(slug)}`);
  return {
    kind: "event-published",
    subject: `Your event is live: ${eventTitle}`,
    text: [
      `Hello ${name},`,
      `Your event "${eventTitle}" is now published on Zen Bali:`,
      link,
      `Share the link with your guests. You can edit or cancel the event from your dashboard: ${siteUrl("/dashboard")}`,
      "Zen Bali",
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

function closedDayEventLines(events: TClosedDayMailEvent[]): string {
  return events.map((event) => `- ${formatBaliDateTime(event.startsAt)}: ${event.title}\n  ${siteUrl(`/events/${encodeURIComponent(event.slug)}`)}`).join("\n");
}

/** To a creator whose series dates fell on a new island-wide closed day: they are cancelled, with the note. */
export function closedDayDatesCancelledMail({
  name,
  closedDayName,
  day,
  dates,
}: {
  name: string;
  closedDayName: string;
  /** The closed day in words: "Monday, 22 March 2027". */
  day: string;
  dates: TClosedDayMailEvent[];
}): TTemplate {
  const one = dates.length === 1;
  return {
    kind: "closed-day-cancelled",
    subject: `${one ? "A date" : `${dates.length} dates`} cancelled for ${closedDayName}`,
    text: [
      `Hello ${name},`,
      `${day} is an island-wide closed day in Bali: ${closedDayName}. ${one ? "This date of your series falls on it and has" : "These dates of your series fall on it and have"} been cancelled. ${one ? "Its page says" : "Their pages say"} "Cancelled: ${closedDayName}".`,
      closedDayEventLines(dates),
      `The other dates of your series are unchanged. Your events: ${siteUrl("/dashboard")}`,
      "Zen Bali",
    ].join("\n\n"),
  };
}

/** To a creator whose one-off events fall on a new island-wide closed day: not cancelled, but worth a look. */
export function closedDayEventsFlaggedMail({
  name,
  closedDayName,
  day,
  events,
}: {
  name: string;
  closedDayName: string;
  day: string;
  events: TClosedDayMailEvent[];
}): TTemplate {
  const one = events.length === 1;
  return {
    kind: "closed-day-flagged",
    subject: `${one ? "Your event falls" : "Your events fall"} on ${closedDayName}`,
    text: [
      `Hello ${name},`,
      `${day} is an island-wide closed day in Bali: ${closedDayName}. ${one ? "This event of yours is" : "These events of yours are"} on that day:`,
      closedDayEventLines(events),
      `${one ? "It has" : "They have"} not been cancelled. Please check that ${one ? "it" : "they"} can take place; if not, cancel or move ${one ? "it" : "them"} from your dashboard: ${siteUrl("/dashboard")}`,
      "Zen Bali",
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
