"use client";

import { usePathname } from "next/navigation";
import { LanguageLinks } from "./language-links";

type TProps = {
  label: string;
  /** The site's languages, the default (unprefixed) one first; the page's language. */
  languages: { code: string; name: string }[];
  locale: string;
};

/**
 * The language switcher of pages that navigate without a full page load (the dashboard, sign-in): the root layout
 * is not rendered again on such a navigation, so the links follow the address in the browser instead. The path only:
 * a query on these pages may carry a one-time token. (Public pages load in full and use the server's links; they
 * have no JavaScript.) Not from lib/i18n: that module carries every catalogue.
 */
export function LiveLanguageLinks({ label, languages, locale }: TProps) {
  const pathname = usePathname();
  const [english, ...others] = languages.map((language) => language.code);
  const prefix = others.find((code) => pathname === `/${code}` || pathname.startsWith(`/${code}/`));
  const unprefixed = prefix ? pathname.slice(prefix.length + 1) || "/" : pathname;
  // Only a path of this site: "//host/…" (or a backslash, which browsers read as a slash) would leave it.
  const path = unprefixed.startsWith("/") && !unprefixed.startsWith("//") && !unprefixed.includes("\\") ? unprefixed : "/";
  if (path === "/admin" || path.startsWith("/admin/")) return null;
  const links = languages.map((language) => ({
    code: language.code,
    name: language.name,
    href: language.code === english ? path : path === "/" ? `/${language.code}` : `/${language.code}${path}`,
    current: language.code === locale,
  }));
  return <LanguageLinks label={label} links={links} />;
}
