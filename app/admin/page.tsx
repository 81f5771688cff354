import type { Metadata } from "next";
import Link from "next/link";
import { getAdminFigures, getRecentActivity } from "@/lib/admin/get-admin-dashboard";
import { requireAdmin } from "@/lib/admin/require-admin";
import { formatUsdCents } from "@/lib/format/money";
import { formatBaliDateTime } from "@/lib/time/bali";

export const metadata: Metadata = { title: "Admin", robots: { index: false } };

export default async function AdminDashboardPage() {
  const user = await requireAdmin("/admin");
  const [figures, recent] = await Promise.all([getAdminFigures(), getRecentActivity()]);
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
      <div className="mt-10 grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="recent-events-heading">
          <h2 id="recent-events-heading" className="text-xl font-semibold">Recent events</h2>
          <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {recent.events.map((event) => (
              <li key={event.id} className="p-3 text-sm">
                <Link href={`/events/${event.slug}`} className="font-medium underline">{event.title}</Link>
                <span className="text-stone-600"> · {event.status} · {event.creator.email} · {formatBaliDateTime(event.createdAt)}</span>
              </li>
            ))}
            {recent.events.length === 0 && <li className="p-3 text-sm text-stone-600">No events yet.</li>}
          </ul>
        </section>
        <section aria-labelledby="recent-payments-heading">
          <h2 id="recent-payments-heading" className="text-xl font-semibold">Recent payments</h2>
          <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {recent.payments.map((payment) => (
              <li key={payment.id} className="p-3 text-sm">
                {formatUsdCents(payment.amountCents)} · {payment.status} · {payment.event.title} · {payment.creator.email} · {formatBaliDateTime(payment.createdAt)}
              </li>
            ))}
            {recent.payments.length === 0 && <li className="p-3 text-sm text-stone-600">No payments yet.</li>}
          </ul>
        </section>
      </div>
    </>
  );
}
