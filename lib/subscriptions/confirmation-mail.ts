import { DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { mailLink } from "@/lib/mail/templates";
import type { TMail } from "@/lib/mail/types";
import type { TPendingSubscription } from "./pending-subscription";

/**
 * "Confirm your subscription": the double opt-in mail, in the subscriber's language (subscribers.language), with the
 * single-use link (24 h) and everything that link switches on. `secretUntil` seals the link like the other mails with
 * a secret link: the job queue keeps the full text only until the token expires, the log never has it
 * (lib/jobs/mail-secrets.ts, lib/mail/redact-secrets.ts).
 */
export function subscriptionConfirmMail({
  token,
  expiresAt,
  pending,
  locale = DEFAULT_LOCALE,
}: {
  token: string;
  expiresAt: Date;
  pending: TPendingSubscription;
  locale?: TLocale;
}): Pick<TMail, "kind" | "subject" | "text" | "secretUntil"> {
  const t = translatorFor(locale);
  const items = [
    ...(pending.savedEvents > 0 ? [t("subscribe.mailSaved", { count: pending.savedEvents })] : []),
    ...pending.alerts.map((alert) =>
      alert.kind === "query"
        ? t("subscribe.mailQueryAlert", { link: mailLink(locale, alert.query ? `/?${alert.query}` : "/") })
        : t("subscribe.mailCreatorAlert", { name: alert.name }),
    ),
  ];
  return {
    kind: "subscription-confirm",
    secretUntil: expiresAt.getTime(),
    subject: t("subscribe.mailSubject"),
    text: [
      t("subscribe.mailHello"),
      t("subscribe.mailIntro"),
      items.length > 0 ? items.map((item) => `- ${item}`).join("\n") : `- ${t("subscribe.mailNothingNew")}`,
      t("subscribe.mailConfirm"),
      mailLink(locale, `/subscribe/confirm?token=${encodeURIComponent(token)}`),
      t("subscribe.mailIgnore"),
      "Zen Bali",
    ].join("\n\n"),
  };
}
