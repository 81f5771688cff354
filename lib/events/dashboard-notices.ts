import type { AppError } from "@/lib/errors";

/**
 * Confirmations and refusals shown on /dashboard (and the edit page) after an
 * action, chosen by a code in the URL (?notice=…): the URL never carries text
 * that the page would show.
 */
export const DASHBOARD_NOTICES = {
  saved: { tone: "success", text: "Event saved as draft." },
  published: { tone: "success", text: "Your event is live." },
  "updated-live": { tone: "success", text: "Your changes are live." },
  updated: { tone: "success", text: "Your changes are saved." },
  cancelled: { tone: "success", text: "Event cancelled. It stays listed with a “Cancelled” badge until it ends." },
  deleted: { tone: "success", text: "Event deleted." },
  "date-cancelled": { tone: "success", text: "This date is cancelled. It stays listed with a “Cancelled” badge; the other dates go on." },
  "series-ended": { tone: "success", text: "The series is ended: it has no dates after the last date you chose." },
  "end-date-invalid": { tone: "warning", text: "Choose today or a later date as the series' last date." },
  "following-updated": { tone: "success", text: "Your changes are live on this date and the following ones." },
  duplicated: { tone: "success", text: "This is a copy of your event, saved as a draft. Check the date and details, then publish it." },
  "verify-to-publish": { tone: "warning", text: "Event saved as draft. Verify your email to publish events." },
  "rate-limited": { tone: "warning", text: "You have made many changes or created many events in a short time. Try again later." },
  "not-found": { tone: "warning", text: "That event does not exist any more." },
  "not-possible": { tone: "warning", text: "That is no longer possible for this event. The list below is up to date." },
} as const satisfies Record<string, { tone: "success" | "warning"; text: string }>;

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

export function dashboardNotice(code: string | string[] | undefined): (typeof DASHBOARD_NOTICES)[TDashboardNotice] | null {
  const value = Array.isArray(code) ? code[0] : code;
  return value && Object.hasOwn(DASHBOARD_NOTICES, value) ? DASHBOARD_NOTICES[value as TDashboardNotice] : null;
}
