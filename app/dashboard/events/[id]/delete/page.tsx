import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/http/current-user";
import { deleteEventAction } from "../../actions";
import { formatBaliDateTime } from "@/lib/time/bali";
import { ownedEventOr404 } from "../owned-event-or-404";

export const metadata: Metadata = { title: "Delete event", robots: { index: false } };

/** The confirmation before a delete (a plain form: works without JavaScript). */
export default async function DeleteEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/events/${id}/delete`);
  const event = await ownedEventOr404(user, id);
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">Delete “{event.title}”?</h1>
      <p className="mt-2 text-stone-700">{formatBaliDateTime(event.startsAt)} (Bali time)</p>
      <p className="mt-4">
        The event leaves Zen Bali at once: its page, the listings and your dashboard. Payments you made for it stay in your payment history.
      </p>
      <form action={deleteEventAction.bind(null, event.id)} className="mt-6 flex flex-wrap items-center gap-4">
        <button type="submit" className="rounded-md bg-red-700 px-5 py-2 font-semibold text-white hover:bg-red-800">
          Delete
        </button>
        <Link href="/dashboard" className="underline">
          Keep it
        </Link>
      </form>
    </div>
  );
}
