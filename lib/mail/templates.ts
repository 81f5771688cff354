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
    text: `Hello ${name},\n\nPlease verify your email address to publish events on Zen Bali:\n\n${link}\n\nThe link is valid for 24 hours and can be used once. If you did not sign up, you can ignore this email.\n\nZen Bali`,
  };
}

/** `expiresAt`: when the token expires (default: 1 h from now, the token's lifetime). */
export function passwordResetMail({ name, token, expiresAt }: { name: string; token: string; expiresAt?: Date }): TTemplate {
  const link = siteUrl(`/reset-password?token=${encodeURIComponent(token)}`);
  return {
    kind: "password-reset",
    secretUntil: expiresAt?.getTime() ?? Date.now() + HOUR_MS,
    subject: "Reset your Zen Bali password",
    text: `Hello ${name},\n\nSomeone asked to reset the password of your Zen Bali account. To choose a new password, open:\n\n${link}\n\nThe link is valid for 1 hour and can be used once. If it was not you, ignore this email: your password stays as it is.\n\nZen Bali`,
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
    text: `Hello ${name},\n\nThank you for your payment.\n\nEvent: ${eventTitle}\nAmount: ${formatUsdCents(amountCents)}\nPaid: ${formatBaliDateTime(paidAt)} (Bali time)\nReference: ${reference}\n\nYour events and payments: ${siteUrl("/dashboard")}\n\nZen Bali`,
  };
}

/** When an event goes live on the site (after payment, or published by an admin). */
export function eventPublishedMail({ name, eventTitle, slug }: { name: string; eventTitle: string; slug: string }): TTemplate {
  const link = siteUrl(`/events/${encodeURIComponent(slug)}`);
  return {
    kind: "event-published",
    subject: `Your event is live: ${eventTitle}`,
    text: `Hello ${name},\n\nYour event "${eventTitle}" is now published on Zen Bali:\n\n${link}\n\nShare the link with your guests. You can edit or cancel the event from your dashboard: ${siteUrl("/dashboard")}\n\nZen Bali`,
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
    text: `A visitor reported the event "${eventTitle}".\n\nReason: ${reason}${details ? `\nDetails: ${details}` : ""}${eventLine}\n\nReview it in the moderation queue: ${siteUrl("/admin/moderation")}\n\nZen Bali`,
  };
}
