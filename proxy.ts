import { NextResponse, type NextRequest } from "next/server";
import { LOCALE_HEADER, PATH_HEADER, splitLocalePath } from "@/lib/i18n/languages";

/** The longest path (with its query) handed on for the language switcher; a longer one is cut to its path. */
const MAX_SWITCHER_PATH = 1_024;

/**
 * The language of a page comes from its URL only (docs/decisions/013-languages-with-use-intl.md): `/id/…` and
 * `/ru/…` are served by the same routes as the English pages (next.config.mjs rewrites them), which read the
 * language from a request header set here, on the URL the visitor asked for. The proxy runs on every page and
 * replaces any such header a client sent.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const { locale, path } = splitLocalePath(pathname);
  const headers = new Headers(request.headers);
  headers.set(LOCALE_HEADER, locale);
  headers.set(PATH_HEADER, path.length + search.length <= MAX_SWITCHER_PATH ? `${path}${search}` : path.slice(0, MAX_SWITCHER_PATH));
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages (not Next's own files, the API, uploads or files in public/), and the two feeds, which are written in the
  // language of their URL (/ru/feed.xml). The English feeds are matched too, so that no client can hand them a
  // language header (a copy in the page cache is everyone's).
  matcher: ["/((?!_next/|api/|uploads/|.*\\.[a-z0-9]+$).*)", "/feed.xml", "/events.ics", "/:language/feed.xml", "/:language/events.ics"],
};
