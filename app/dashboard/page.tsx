import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/http/current-user";
import { requestLocale } from "@/app/request-locale";
import { formatterFor } from "@/lib/i18n/format";
import { localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor, type TTranslator } from "@/lib/i18n/translator";
import { eventStatusWord } from "@/lib/events/status-words";
import { duplicateEventAction, publishEventAction } from "./events/actions";
import { dashboardNotice } from "@/lib/events/dashboard-notices";
import { getCreatorDashboard, type TDashboardFilter } from "@/lib/events/get-creator-dashboard";
import { dashboardPublishLabel } from "@/lib/payments/payment-mode";
import { paymentNotice } from "@/lib/payments/payment-notices";
import { ResendVerificationButton } from "./resend-verification-button";
import { isEditable } from "@/lib/events/event-status";
import type { EventStatus } from "@/lib/db";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("dashboard.title"), robots: { index: false } };
}

const FILTERS: TDashboardFilter[] = ["upcoming", "past", "all"];

const actionLink = "underline hover:text-brand-700";
const actionButton = "cursor-pointer underline hover:text-brand-700";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ show?: string; notice?: string | string[] }> }) {
  const { show, notice: noticeCode } = await searchParams;
  const filter: TDashboardFilter = show === "past" || show === "all" ? show : "upcoming";
  const user = await requireUser(filter === "upcoming" ? "/dashboard" : `/dashboard?show=${filter}`);
  const locale = await requestLocale();
  const t = translatorFor(locale);
  const format = formatterFor(locale);
  const notice = dashboardNotice(noticeCode, locale) ?? paymentNotice(noticeCode, locale);
  const now = new Date();
  const { tiles, events } = await getCreatorDashboard({ creatorId: user.id, filter, now, locale });
  const publishLabel = dashboardPublishLabel(locale);
  const tileList = [
    { label: t("dashboard.tiles.total"), value: String(tiles.total) },
    { label: t("dashboard.tiles.published"), value: String(tiles.published) },
    { label: t("dashboard.tiles.awaitingPayment"), value: String(tiles.awaitingPayment) },
    { label: t("dashboard.tiles.totalPaid"), value: format.usdAmount(tiles.totalPaidCents) },
  ];

  return (
    <>
      <h1 className="text-3xl font-bold">{t("dashboard.welcome", { name: user.name })}</h1>
      {notice && (
        <p
          role="status"
          className={`mt-4 rounded-md p-3 font-medium ${notice.tone === "success" ? "bg-green-50 text-green-900" : "bg-amber-50 text-amber-950"}`}
        >
          {notice.text}
        </p>
      )}
      {!user.emailVerifiedAt && (
        <div role="status" className="mt-4 rounded-md bg-amber-50 p-4 text-amber-950">
          <p>
            <strong>{t("dashboard.verifyTitle")}</strong> {t("dashboard.verifyText", { email: user.email })}
          </p>
          <ResendVerificationButton label={t("auth.resendVerification")} />
        </div>
      )}

      <dl className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tileList.map((tile) => (
          <div key={tile.label} className="rounded-lg border border-stone-200 bg-white p-4">
            <dt className="text-sm text-stone-600">{tile.label}</dt>
            <dd className="mt-1 text-2xl font-bold">{tile.value}</dd>
          </div>
        ))}
      </dl>

      <p className="mt-6 flex flex-wrap items-center gap-4">
        <Link
          href={localizedPath(locale, "/dashboard/events/new")}
          prefetch={false}
          className="inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
        >
          {t("dashboard.postNew")}
        </Link>
        <Link href={localizedPath(locale, "/dashboard/payments")} prefetch={false} className="underline hover:text-brand-700">
          {t("dashboard.paymentHistory")}
        </Link>
      </p>

      <section aria-labelledby="my-events-heading" className="mt-8">
        <h2 id="my-events-heading" className="text-xl font-semibold">
          {t("dashboard.myEvents")}
        </h2>
        <nav aria-label={t("dashboard.whichEvents")} className="mt-3 flex gap-2">
          {FILTERS.map((item) => (
            <Link
              key={item}
              href={localizedPath(locale, item === "upcoming" ? "/dashboard" : `/dashboard?show=${item}`)}
              aria-current={item === filter ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 text-sm ${item === filter ? "bg-stone-900 text-white" : "border border-stone-300 hover:bg-stone-100"}`}
            >
              {t(`dashboard.filters.${item}`)}
            </Link>
          ))}
        </nav>
        {events.length === 0 ? (
          <p className="mt-4 text-stone-700">{t("dashboard.empty")}</p>
        ) : (
          <table className="mt-4 w-full border-collapse bg-white text-left text-sm">
            <thead>
              <tr className="border-b border-stone-200">
                <th scope="col" className="p-2">
                  {t("dashboard.columns.event")}
                </th>
                <th scope="col" className="p-2">
                  {t("dashboard.columns.starts")}
                </th>
                <th scope="col" className="p-2">
                  {t("dashboard.columns.status")}
                </th>
                <th scope="col" className="p-2">
                  {t("dashboard.columns.views")}
                </th>
                <th scope="col" className="p-2">
                  {t("dashboard.columns.actions")}
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => {
                const ended = event.endsAt <= now;
                return (
                  <tr key={event.id} className="border-b border-stone-100">
                    <td className="p-2">
                      <span className="font-medium">{event.title}</span>
                      {event.series && (
                        <p className="mt-1 text-xs text-stone-700">
                          {event.series.summary} · {t("dashboard.upcomingDates", { count: event.series.upcomingDates })}
                        </p>
                      )}
                    </td>
                    <td className="p-2">{format.dateTime(event.startsAt)}</td>
                    <td className="p-2">
                      <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-semibold">
                        {ended ? t("dashboard.ended") : eventStatusWord(locale, event.status)}
                      </span>
                      {event.status === "UNPUBLISHED" && event.unpublishReason && (
                        <p className="mt-1 text-xs text-red-800">{t("dashboard.reason", { reason: event.unpublishReason })}</p>
                      )}
                    </td>
                    <td className="p-2">{event.views}</td>
                    <td className="p-2">
                      <EventActions event={event} ended={ended} publishLabel={publishLabel} locale={locale} t={t} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/**
 * View (the public page, or a preview while not public), Edit (until the event ends), Duplicate,
 * "Pay & publish" with Stripe or "Publish" when payments are off (drafts and events awaiting payment,
 * not ended), Cancel (published, not ended), Delete. The buttons are server actions bound to the
 * event id; Cancel and Delete open a confirmation first. Every action checks ownership again on the server.
 */
function EventActions({
  event,
  ended,
  publishLabel,
  locale,
  t,
}: {
  event: { id: string; slug: string; title: string; status: EventStatus; endsAt: Date; series: { id: string } | null };
  ended: boolean;
  publishLabel: string;
  locale: TLocale;
  t: TTranslator;
}) {
  const isDraft = event.status === "DRAFT" || event.status === "AWAITING_PAYMENT";
  const forTitle = <span className="sr-only"> {event.title}</span>;
  // A published series is one row: its dates are cancelled, and the series ended, from a date's edit page.
  const wholeSeries = event.series !== null && !isDraft;
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1">
      {/* Not-yet-public events open as the owner's preview ("Preview — not public"). */}
      <li>
        <Link href={localizedPath(locale, `/events/${event.slug}`)} className={actionLink}>
          {t("dashboard.actions.view")}
          {forTitle}
        </Link>
      </li>
      {isEditable(event) && (
        <li>
          <Link href={localizedPath(locale, `/dashboard/events/${event.id}/edit`)} prefetch={false} className={actionLink}>
            {t("dashboard.actions.edit")}
            {forTitle}
          </Link>
        </li>
      )}
      <li>
        <form action={duplicateEventAction.bind(null, event.id)}>
          <button type="submit" className={actionButton}>
            {t("dashboard.actions.duplicate")}
            {forTitle}
          </button>
        </form>
      </li>
      {isDraft && !ended && (
        <li>
          <form action={publishEventAction.bind(null, event.id)}>
            <button type="submit" className={`${actionButton} font-semibold`}>
              {publishLabel}
              {forTitle}
            </button>
          </form>
        </li>
      )}
      {event.status === "PUBLISHED" && !ended && !wholeSeries && (
        <li>
          <Link href={localizedPath(locale, `/dashboard/events/${event.id}/cancel`)} prefetch={false} className={actionLink}>
            {t("dashboard.actions.cancel")}
            {forTitle}
          </Link>
        </li>
      )}
      {!wholeSeries && (
        <li>
          <Link href={localizedPath(locale, `/dashboard/events/${event.id}/delete`)} prefetch={false} className={`${actionLink} text-red-800`}>
            {t("dashboard.actions.delete")}
            {forTitle}
          </Link>
        </li>
      )}
    </ul>
  );
}
