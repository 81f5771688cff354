import type { Metadata } from "next";
import { requireUser } from "@/lib/http/current-user";
import { LANGUAGES } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { db } from "@/lib/db";
import { recipientLocale } from "@/lib/mail/recipient-locale";
import { requestLocale } from "../../request-locale";
import { ChangePasswordForm } from "./change-password-form";
import { ProfileForm } from "./profile-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("profile.title"), robots: { index: false } };
}

export default async function ProfilePage() {
  const locale = await requestLocale();
  const t = translatorFor(locale);
  const user = await requireUser("/dashboard/profile");
  // The language of the user's mail (set from the page they registered on).
  const language = recipientLocale((await db.user.findUnique({ where: { id: user.id }, select: { language: true } }))?.language);
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold">{t("profile.heading")}</h1>

      <section aria-labelledby="profile-heading" className="mt-8">
        <h2 id="profile-heading" className="text-xl font-semibold">
          {t("profile.profileHeading")}
        </h2>
        <p className="mt-1 text-sm text-stone-600">{t("profile.profileIntro")}</p>
        <div className="mt-4">
          <ProfileForm
            email={user.email}
            initial={{ name: user.name, organisation: user.organisation ?? "", phone: user.phone ?? "", language }}
            languages={LANGUAGES.map(({ code, name }) => ({ code, name }))}
            text={{
              fullName: t("auth.fullName"),
              organisation: t("auth.organisationOptional"),
              phone: t("auth.phoneOptional"),
              phoneHint: t("auth.phoneHint"),
              email: t("auth.email"),
              emailHint: t("profile.emailHint"),
              language: t("profile.language"),
              languageHint: t("profile.languageHint"),
              saving: t("profile.saving"),
              save: t("profile.save"),
            }}
          />
        </div>
      </section>

      <section aria-labelledby="password-heading" className="mt-10 border-t border-stone-200 pt-8">
        <h2 id="password-heading" className="text-xl font-semibold">
          {t("profile.passwordHeading")}
        </h2>
        <p className="mt-1 text-sm text-stone-600">{t("profile.passwordIntro")}</p>
        <div className="mt-4">
          <ChangePasswordForm
            email={user.email}
            text={{
              currentPassword: t("profile.currentPassword"),
              newPassword: t("auth.newPassword"),
              passwordHint: t("auth.passwordHint"),
              confirmNewPassword: t("auth.confirmNewPassword"),
              changingPassword: t("auth.changingPassword"),
              changePassword: t("auth.changePassword"),
            }}
          />
        </div>
      </section>
    </div>
  );
}
