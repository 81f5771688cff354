import type { AppError } from "@/lib/errors";
import type { TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import type en from "@/lib/i18n/messages/en.json";

/** A notice's tone and its message in the catalogues ("dashboard.notices.<key>"). */
export type TNoticeEntry = { tone: "success" | "warning"; key: keyof typeof en.dashboard.notices };
/** A notice as a page shows it. */
export type TNotice = { tone: "success" | "warning"; text: string };

/**
 * Confirmations and refusals shown on /dashboard (and the edit page) after an
 * action, chosen by a code in the URL (?notice=…): the URL never carries text
 * that the page would show. Their words are in the catalogues, in every language.
 */
export const DASHBOARD_NOTICES = {
  saved: { tone: "success", key: "saved" },
  published: { tone: "success", key: "published" },
  "updated-live": { tone: "success", key: "updatedLive" },
  updated: { tone: "success", key: "updated" },
  cancelled: { tone: "success", key: "cancelled" },
  deleted: { tone: "success", key: "deleted" },
  "date-cancelled": { tone: "success", key: "dateCancelled" },
  "series-ended": { tone: "success", key: "seriesEnded" },
  "end-date-invalid": { tone: "warning", key: "endDateInvalid" },
  "following-updated": { tone: "success", key: "followingUpdated" },
  duplicated: { tone: "success", key: "duplicated" },
  "verify-to-publish": { tone: "warning", key: "verifyToPublish" },
  "rate-limited": { tone: "warning", key: "rateLimited" },
  "not-found": { tone: "warning", key: "notFound" },
  "not-possible": { tone: "warning", key: "notPossible" },
} as const satisfies Record<string, TNoticeEntry>;

export type TDashboardNotice = keyof typeof DASHBOARD_NOTICES;

/** The notice for a refused dashboard button (publish, cancel, delete, duplicate). */
export function noticeForRefusal(error: AppError): TDashboardNotice {
  switch (error.code) {
    case "NOT_FOUND":
      return "not-found";
    case "FORBIDDEN":
      return "verify-to-publish";
    case "RATE_LIMITED":
      return "rate-limited";
    default:
      return "not-possible";
  }
}

/** The notice of a code from the URL, in the page's language (English by default); null for an unknown code. */
export function dashboardNotice(code: string | string[] | undefined, locale: TLocale = "en"): TNotice | null {
  const value = Array.isArray(code) ? code[0] : code;
  if (!value || !Object.hasOwn(DASHBOARD_NOTICES, value)) return null;
  const { tone, key } = DASHBOARD_NOTICES[value as TDashboardNotice];
  return { tone, text: translatorFor(locale)(`dashboard.notices.${key}`) };
}
