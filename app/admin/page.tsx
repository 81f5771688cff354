import type { Metadata } from "next";
import Link from "next/link";
import { BarChart, type TBar } from "@/components/admin/bar-chart";
import { CHART_DAYS, CHART_WEEKS, getAdminCharts, type TAdminCharts } from "@/lib/admin/get-admin-charts";
import { getAdminFigures, getRecentActivity } from "@/lib/admin/get-admin-dashboard";
import { getSubscriberFigures } from "@/lib/admin/get-subscriber-figures";
import { requireAdmin } from "@/lib/http/require-admin";
import { formatUsdCents } from "@/lib/format/money";
import { formatBaliDateTime } from "@/lib/time/bali";
import { EVENT_STATUS_LABEL } from "@/lib/events/event-status";
import { PAYMENT_STATUS_LABEL } from "@/lib/payments/payment-status";

export const metadata: Metadata = { title: "Admin", robots: { index: false } };

const shortDate = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });
/** "20 Nov" for a Bali date string (the string is already the Bali day). */
const dayMonth = (baliDate: string) => shortDate.format(new Date(`${baliDate}T00:00:00Z`));
const count = (value: number) => value.toLocaleString("en-US");

/** The peak of a series: its largest value and where it first occurs (null when everything is 0). */
function peakOf<T>(items: T[], value: (item: T) => number): T | null {
  let best: T | null = null;
  for (const item of items) if (value(item) > 0 && (best === null || value(item) > value(best))) best = item;
  return best;
}

function Charts({ charts }: { charts: TAdminCharts }) {
  const visitors = charts.visitorsPerDay;
  const visitorsTotal = visitors.reduce((sum, day) => sum + day.visitors, 0);
  const visitorsPeak = peakOf(visitors, (day) => day.visitors);
  const visitorsPeakText = visitorsPeak ? `peak ${count(visitorsPeak.visitors)} on ${visitorsPeak.date}` : "no visitors recorded";
  const visitorBars: TBar[] = visitors.map((day, index) => ({
    label: day.date,
    value: day.visitors,
    tick: (visitors.length - 1 - index) % 15 === 0 ? dayMonth(day.date) : undefined,
  }));

  const weeks = charts.eventsPerWeek;
  const eventsTotal = weeks.reduce((sum, week) => sum + week.events, 0);
  const eventsPeak = peakOf(weeks, (week) => week.events);
  const eventsPeakText = eventsPeak ? `peak ${count(eventsPeak.events)} in the week of ${eventsPeak.weekStart}` : "no events posted";
  const weekBars: TBar[] = weeks.map((week) => ({ label: `Week of ${week.weekStart} (${week.isoWeek})`, value: week.events, tick: dayMonth(week.weekStart) }));

  return (
    <div className="mt-10 grid gap-8 xl:grid-cols-2">
      <section aria-labelledby="visitors-chart-heading">
        <h2 id="visitors-chart-heading" className="text-xl font-semibold">
          Visitors per day
        </h2>
        <BarChart
          summary={`Visitors per day, last ${CHART_DAYS} days: total ${count(visitorsTotal)}, ${visitorsPeakText}`}
          caption={`Unique visitors per Bali day, ${visitors[0]?.date} to ${charts.today} (today still counting). Past days come from the daily roll-up.`}
          bars={visitorBars}
          labelHeader="Date (Bali)"
          valueHeader="Unique visitors"
          unit={["visitor", "visitors"]}
        />
      </section>
      <section aria-labelledby="events-chart-heading">
        <h2 id="events-chart-heading" className="text-xl font-semibold">
          Events posted per week
        </h2>
        <BarChart
          summary={`Events posted per week, last ${CHART_WEEKS} weeks: total ${count(eventsTotal)}, ${eventsPeakText}`}
          caption={
            `Events created per week (Monday to Sunday, Bali time) over the last ${CHART_WEEKS} weeks, counted on the day they were created, ` +
            "not first published; deleted events are left out. The last week is the current one, still in progress."
          }
          bars={weekBars}
          labelHeader="Week (starting Monday)"
          valueHeader="Events created"
          unit={["event", "events"]}
        />
      </section>
    </div>
  );
}

export default async function AdminDashboardPage() {
  const user = await requireAdmin("/admin");
  const [figures, recent, charts, subscribers] = await Promise.all([getAdminFigures(), getRecentActivity(), getAdminCharts(), getSubscriberFigures()]);
  const tiles = [
    ["Total events", figures.totalEvents],
    ["Published", figures.publishedEvents],
    ["Upcoming", figures.upcomingEvents],
    ["Creators", figures.creators],
    ["Active creators", figures.activeCreators],
    ["Completed payments", figures.completedPayments],
    ["Revenue (USD)", formatUsdCents(figures.revenueCents).replace("USD ", "")],
    ["Unique visitors today", figures.visitorsToday],
    ["Unique visitors, last 7 days", figures.visitorsLast7Days],
    ["Unique visitors, all time", figures.visitorsAllTime],
    ["Page views today", figures.pageViewsToday],
    // Saved events and alerts (issue 13): counts only, never an address.
    ["Subscribers", subscribers.subscribers],
    ["Alerts", subscribers.alerts],
    ["Unsubscribed", subscribers.unsubscribed],
  ] as const;
  return (
    <>
      <h1 className="text-3xl font-bold">Admin dashboard</h1>
      <p className="mt-1 text-stone-700">Signed in as {user.email}. Figures refresh every 30 seconds.</p>
      <dl className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map(([label, value]) => (
          <div key={label} className="rounded-lg border border-stone-200 bg-white p-4">
            <dt className="text-sm text-stone-600">{label}</dt>
            <dd className="mt-1 text-2xl font-bold">{typeof value === "number" ? value.toLocaleString("en-US") : value}</dd>
          </div>
        ))}
      </dl>
      <Charts charts={charts} />
      <div className="mt-10 grid gap-8 xl:grid-cols-2">
        <section aria-labelledby="recent-events-heading">
          <h2 id="recent-events-heading" className="text-xl font-semibold">
            Recent events
          </h2>
          <div className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="w-full border-collapse text-left text-sm">
              <thead>
                <tr className="border-b border-stone-200">
                  <th scope="col" className="p-2">
                    Event
                  </th>
                  <th scope="col" className="p-2">
                    Creator
                  </th>
                  <th scope="col" className="p-2">
                    Status
                  </th>
                  <th scope="col" className="p-2">
                    Created (Bali time)
                  </th>
                </tr>
              </thead>
              <tbody>
                {recent.events.map((event) => (
                  <tr key={event.id} className="border-b border-stone-100 align-top">
                    <td className="p-2">
                      <Link href={`/events/${event.slug}`} className="font-medium underline">
                        {event.title}
                      </Link>
                    </td>
                    <td className="p-2">
                      {event.creator.name}
                      <div className="text-xs text-stone-600">{event.creator.email}</div>
                    </td>
                    <td className="p-2">{EVENT_STATUS_LABEL[event.status]}</td>
                    <td className="p-2 whitespace-nowrap">{formatBaliDateTime(event.createdAt)}</td>
                  </tr>
                ))}
                {recent.events.length === 0 && (
                  <tr>
                    <td colSpan={4} className="p-3 text-stone-600">
                      No events yet.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </section>
        <section aria-labelledby="recent-payments-heading">
          <h2 id="recent-payments-heading" className="text-xl font-semibold">
            Recent payments
          </h2>
          <div className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="w-full border-collapse text-left text-sm">
              <thead>
                <tr className="border-b border-stone-200">
                  <th scope="col" className="p-2">
                    Event
                  </th>
                  <th scope="col" className="p-2">
                    Creator
                  </th>
                  <th scope="col" className="p-2">
                    Amount (USD)
                  </th>
                  <th scope="col" className="p-2">
                    Status
                  </th>
                  <th scope="col" className="p-2">
                    Date (Bali time)
                  </th>
                </tr>
              </thead>
              <tbody>
                {recent.payments.map((payment) => (
                  <tr key={payment.id} className="border-b border-stone-100 align-top">
                    <td className="p-2">
                      <Link href={`/events/${payment.event.slug}`} className="underline">
                        {payment.event.title}
                      </Link>
                    </td>
                    <td className="p-2">{payment.creator.email}</td>
                    <td className="p-2 tabular-nums">{formatUsdCents(payment.amountCents)}</td>
                    <td className="p-2">{PAYMENT_STATUS_LABEL[payment.status]}</td>
                    <td className="p-2 whitespace-nowrap">{formatBaliDateTime(payment.createdAt)}</td>
                  </tr>
                ))}
                {recent.payments.length === 0 && (
                  <tr>
                    <td colSpan={5} className="p-3 text-stone-600">
                      No payments yet.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </>
  );
}
