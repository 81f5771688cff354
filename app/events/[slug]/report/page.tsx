import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { submitReport } from "./actions";
import { ReportForm } from "./report-form";

type TProps = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Report this event", robots: { index: false } };

export default async function ReportEventPage({ params }: TProps) {
  const event = await getPublicEvent((await params).slug);
  if (!event) notFound();
  return (
    <div className="mx-auto max-w-xl">
      <p className="mb-4 text-sm">
        <Link href={`/events/${event.slug}`} className="underline">
          ← Back to the event
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Report this event</h1>
      <p className="mt-2 text-stone-700">
        Tell us what is wrong with <strong>{event.title}</strong>. Reports are anonymous and go to the Zen Bali team.
      </p>
      <div className="mt-6">
        <ReportForm action={submitReport.bind(null, event.slug)} />
      </div>
    </div>
  );
}
