import type { Metadata } from "next";
import Link from "next/link";
import { EventForm } from "@/components/event-form";
import { publishButtonLabel } from "@/lib/payments/payment-mode";
import { requireUser } from "@/lib/http/current-user";
import { dashboardNotice } from "@/lib/events/dashboard-notices";
import { eventToFormValues } from "@/lib/events/event-form-schema";
import { getEventImage } from "@/lib/events/set-event-image";
import { eventFormReference } from "@/lib/reference/event-form-reference";
import { toBaliDate } from "@/lib/time/bali";
import { eventFormText, localizedReference } from "@/lib/events/event-form-text";
import { eventStatusWord } from "@/lib/events/status-words";
import { formatterFor } from "@/lib/i18n/format";
import { localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "@/app/request-locale";
import { listSeriesDatesForOwner, type TSeriesDateRow } from "@/lib/series/list-series-dates";
import { ownedEventOr404 } from "../owned-event-or-404";
import { isCancellable, isEditable } from "@/lib/events/event-status";
import { ruleToFormValues } from "@/lib/series/repeat-form";
import { dateColumn, describeRepeat, ruleOfSeries } from "@/lib/series/repeat-rule";
import { cancelSeriesDateAction, endSeriesAction, saveEventAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("dashboard.edit.title"), robots: { index: false } };
}

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ notice?: string | string[] }> };

export default async function EditEventPage({ params, searchParams }: TProps) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/events/${id}/edit`);
  const event = await ownedEventOr404(user, id);
  const locale = await requestLocale();
  const t = translatorFor(locale);
  const notice = dashboardNotice((await searchParams).notice, locale);
  const now = new Date();
  const isPublic = event.status === "PUBLISHED" || event.status === "CANCELLED";

  let body: React.ReactNode;
  if (!isEditable(event, now)) {
    body = <p className="mt-6 rounded-md bg-stone-100 p-4">{t("dashboard.edit.ended")}</p>;
  } else {
    const [reference, image] = await Promise.all([eventFormReference(event), getEventImage(event.id)]);
    const isDraft = event.status === "DRAFT" || event.status === "AWAITING_PAYMENT";
    // A date of a series opens with its series' rule; a public date saves "this date only" or "this and following dates".
    const rule = event.series ? ruleOfSeries(event.series) : null;
    body = (
      <div className="mt-6">
        <EventForm
          action={saveEventAction.bind(null, event.id)}
          text={eventFormText(locale)}
          publishLabel={publishButtonLabel(locale)}
          initialValues={{ ...eventToFormValues(event), ...(rule ? ruleToFormValues(rule) : {}) }}
          reference={localizedReference(reference, locale)}
          mode={isDraft ? "draft" : event.seriesId ? "series-date" : "live"}
          withRepeat={isDraft || Boolean(event.seriesId)}
          minDate={toBaliDate(now)}
          currentImage={image}
          publishHint={isDraft && !user.emailVerifiedAt && user.role !== "ADMIN" ? t("dashboard.verifyToPublishHint") : undefined}
        />
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-4 text-sm">
        <Link href={localizedPath(locale, "/dashboard")} className="underline">
          {t("dashboard.back")}
        </Link>
      </p>
      <h1 className="text-3xl font-bold">{t("dashboard.edit.title")}</h1>
      <p className="mt-2 text-stone-700">
        {t("dashboard.edit.status")}{" "}
        <span className="rounded-full bg-stone-100 px-2 py-0.5 text-sm font-semibold">{eventStatusWord(locale, event.status)}</span>
        {isPublic && (
          <>
            {" "}
            ·{" "}
            <Link href={localizedPath(locale, `/events/${event.slug}`)} className="underline">
              {t("dashboard.edit.viewPublic")}
            </Link>
          </>
        )}
      </p>
      {isPublic && <p className="mt-2 text-sm text-stone-700">{t("dashboard.edit.liveHint")}</p>}
      {event.status === "UNPUBLISHED" && event.unpublishReason && (
        <p className="mt-2 rounded-md bg-red-50 p-3 text-sm text-red-900">{t("dashboard.edit.unpublished", { reason: event.unpublishReason })}</p>
      )}
      {notice && (
        <p role="status" className={`mt-4 rounded-md p-3 ${notice.tone === "success" ? "bg-green-50 text-green-900" : "bg-amber-50 text-amber-950"}`}>
          {notice.text}
        </p>
      )}
      {event.series && event.seriesDate && (
        <p className="mt-2 text-stone-700">
          {t("dashboard.edit.seriesDate")}{" "}
          <strong>
            {describeRepeat(ruleOfSeries(event.series), { date: dateColumn(event.series.startDate), time: event.series.startTime }, { full: true, locale })}
          </strong>
          {event.editedAlone && ` · ${t("dashboard.edit.editedAlone")}`}
        </p>
      )}
      {body}
      {event.series && !(event.status === "DRAFT" || event.status === "AWAITING_PAYMENT") && isEditable(event, now) && (
        <SeriesDateActions
          eventId={event.id}
          canCancel={isCancellable(event, now)}
          minDate={toBaliDate(now)}
          dates={await listSeriesDatesForOwner({ actor: user, eventId: event.id, now })}
          locale={locale}
        />
      )}
    </div>
  );
}

/** "Cancel this date" and "End the series": plain forms (no JavaScript needed) under the form of a public date. */
function SeriesDateActions({
  eventId,
  canCancel,
  minDate,
  dates,
  locale,
}: {
  eventId: string;
  canCancel: boolean;
  minDate: string;
  dates: TSeriesDateRow[];
  locale: TLocale;
}) {
  const t = translatorFor(locale);
  const format = formatterFor(locale);
  return (
    <section aria-labelledby="series-actions-heading" className="mt-10 grid gap-6 border-t border-stone-200 pt-6">
      <h2 id="series-actions-heading" className="text-xl font-semibold">
        {t("dashboard.edit.seriesHeading")}
      </h2>
      {canCancel && (
        <form action={cancelSeriesDateAction.bind(null, eventId)} className="flex flex-wrap items-center gap-3">
          <button type="submit" className="rounded-md border border-red-700 px-4 py-2 font-semibold text-red-800 hover:bg-red-50">
            {t("dashboard.edit.cancelDate")}
          </button>
          <span className="text-sm text-stone-600">{t("dashboard.edit.cancelDateHint")}</span>
        </form>
      )}
      <nav aria-labelledby="series-dates-heading">
        <h3 id="series-dates-heading" className="font-semibold">
          {t("dashboard.edit.datesHeading")}
        </h3>
        <ul className="mt-2 grid gap-1 text-sm">
          {dates.map((date) => (
            <li key={date.id}>
              <Link
                href={localizedPath(locale, `/dashboard/events/${date.id}/edit`)}
                prefetch={false}
                aria-current={date.id === eventId ? "page" : undefined}
                className={date.id === eventId ? "font-semibold" : "underline"}
              >
                {format.dateTime(date.startsAt)}
              </Link>
              {date.status === "CANCELLED" && ` · ${t("dashboard.edit.dateCancelled")}`}
              {date.editedAlone && date.status !== "CANCELLED" && ` · ${t("dashboard.edit.dateChanged")}`}
            </li>
          ))}
        </ul>
      </nav>
      <form action={endSeriesAction.bind(null, eventId)} className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="series-lastDate" className="mb-1 block font-medium">
            {t("dashboard.edit.lastDate")}
          </label>
          <input id="series-lastDate" name="lastDate" type="date" min={minDate} required className="rounded-md border border-stone-300 bg-white px-3 py-2" />
        </div>
        <button type="submit" className="rounded-md border border-stone-400 px-4 py-2 font-semibold hover:bg-stone-100">
          {t("dashboard.edit.endSeries")}
        </button>
        <span className="text-sm text-stone-600">{t("dashboard.edit.endSeriesHint")}</span>
      </form>
    </section>
  );
}
