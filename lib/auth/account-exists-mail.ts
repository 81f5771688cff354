import { DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { mailLink } from "@/lib/mail/templates";
import type { TMail } from "@/lib/mail/types";

/**
 * To the owner of an address someone tried to register again. /register
 * answers exactly as for a new address (it never says that an account
 * exists); this mail tells the owner instead, with the ways back in, in the
 * owner's language (users.language).
 * (Kept beside the registration rather than in lib/mail/templates.ts; same shape.)
 */
export function accountExistsMail({ name, locale = DEFAULT_LOCALE }: { name: string; locale?: TLocale }): Pick<TMail, "kind" | "subject" | "text"> {
  const t = translatorFor(locale);
  return {
    kind: "mail",
    subject: t("mail.accountExistsSubject"),
    text: [
      t("mail.hello", { name }),
      t("mail.accountExistsIntro"),
      mailLink(locale, "/login"),
      t("mail.accountExistsForgot"),
      mailLink(locale, "/forgot-password"),
      t("mail.accountExistsIgnore"),
      "Zen Bali",
    ].join("\n\n"),
  };
}
