import "server-only";
import { headers } from "next/headers";
import { LOCALE_HEADER, localeOfHeader, PATH_HEADER, type TLocale } from "@/lib/i18n/languages";
import { switcherPathOf } from "@/lib/i18n/switcher-path";

/** The language of the page being rendered, from its URL (set by proxy.ts); English when there is none. */
export async function requestLocale(): Promise<TLocale> {
  return localeOfHeader((await headers()).get(LOCALE_HEADER));
}

/** The page's path without its language prefix, with its query (proxy.ts), for the language switcher. */
export async function requestPath(): Promise<string> {
  const value = (await headers()).get(PATH_HEADER);
  return value?.startsWith("/") && !value.startsWith("//") ? value : "/";
}

/** The path the language switcher links to (switcherPathOf). */
export async function switcherPath(): Promise<string> {
  return switcherPathOf(await requestPath());
}
