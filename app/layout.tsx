import type { Metadata, Viewport } from "next";
import { SiteFooter } from "@/components/site-footer";
import { LiveLanguageLinks } from "@/components/live-language-links";
import { SiteHeader } from "@/components/site-header";
import { getEnv } from "@/lib/env";
import { requestLocale, switcherPath } from "./request-locale";
import { LANGUAGES, localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { isScriptFreePage } from "@/lib/page-cache/key";
import { SITE_NAME } from "@/lib/site";
import { SITE_ICON, THEME_COLOR } from "@/lib/site-head";
import "./globals.css";

// Every page reads live data (events, the visitor count): nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const locale = await requestLocale();
  const t = translatorFor(locale);
  return {
    metadataBase: new URL(getEnv().APP_URL),
    title: { default: t("site.defaultTitle"), template: `%s · ${SITE_NAME}` },
    description: t("site.description"),
    icons: { icon: SITE_ICON },
    alternates: {
      types: {
        "application/rss+xml": [{ url: localizedPath(locale, "/feed.xml"), title: t("site.rssTitle") }],
        "text/calendar": [{ url: localizedPath(locale, "/events.ics"), title: t("site.icsTitle") }],
      },
    },
  };
}

export const viewport: Viewport = { themeColor: THEME_COLOR, width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, path] = await Promise.all([requestLocale(), switcherPath()]);
  // Public pages load in full, script-free; any other page may be left by a navigation that keeps this layout.
  const live = !isScriptFreePage(path.split("?")[0] ?? path);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-stone-50 font-sans text-stone-900 antialiased">
        <SiteHeader
          locale={locale}
          path={path}
          liveSwitcher={
            live ? (
              <LiveLanguageLinks
                label={translatorFor(locale)("site.languages")}
                languages={LANGUAGES.map(({ code, name }) => ({ code, name }))}
                locale={locale}
              />
            ) : undefined
          }
        />
        <main id="main" className="mx-auto max-w-6xl px-4 py-8">
          {children}
        </main>
        <SiteFooter locale={locale} />
      </body>
    </html>
  );
}
