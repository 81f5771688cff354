import Link from "next/link";
import { SignOutButton } from "@/components/sign-out-button";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "@/app/request-locale";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const locale = await requestLocale();
  const t = translatorFor(locale);
  return (
    <div>
      <nav aria-label={t("dashboard.nav.label")} className="mb-6 flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 pb-3">
        <ul className="flex flex-wrap gap-4 text-sm font-medium">
          <li>
            <Link href={localizedPath(locale, "/dashboard")} className="hover:underline">
              {t("dashboard.nav.dashboard")}
            </Link>
          </li>
          <li>
            <Link href={localizedPath(locale, "/dashboard/events/new")} prefetch={false} className="hover:underline">
              {t("dashboard.nav.newEvent")}
            </Link>
          </li>
          <li>
            <Link href={localizedPath(locale, "/dashboard/payments")} prefetch={false} className="hover:underline">
              {t("dashboard.nav.payments")}
            </Link>
          </li>
          <li>
            <Link href={localizedPath(locale, "/dashboard/profile")} prefetch={false} className="hover:underline">
              {t("dashboard.nav.profile")}
            </Link>
          </li>
        </ul>
        <SignOutButton label={t("dashboard.nav.signOut")} />
      </nav>
      {children}
    </div>
  );
}
