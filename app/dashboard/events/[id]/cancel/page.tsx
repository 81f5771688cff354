import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/http/current-user";
import { cancelEventAction } from "../../actions";
import { isCancellable } from "@/lib/events/event-status";
import { formatBaliDateTime } from "@/lib/time/bali";
import { ownedEventOr404 } from "../owned-event-or-404";

export const metadata: Metadata = { title: "Cancel event", robots: { index: false } };

/** The confirmation before cancelling a published event (a plain form: works without JavaScript). */
export default async function CancelEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/events/${id}/cancel`);
  const event = await ownedEventOr404(user, id);
  const cancellable = isCancellable(event);
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">Cancel “{event.title}”?</h1>
      <p className="mt-2 text-stone-700">{formatBaliDateTime(event.startsAt)} (Bali time)</p>
      {cancellable ? (
        <>
          <p className="mt-4">
            The event stays listed and on its page with a “Cancelled” badge until it ends, so visitors know it is off. This cannot be undone.
          </p>
          <form action={cancelEventAction.bind(null, event.id)} className="mt-6 flex flex-wrap items-center gap-4">
            <button type="submit" className="rounded-md bg-red-700 px-5 py-2 font-semibold text-white hover:bg-red-800">
              Cancel event
            </button>
            <Link href="/dashboard" className="underline">
              Keep it
            </Link>
          </form>
        </>
      ) : (
        <p className="mt-4">
          Only a published event that has not ended can be cancelled.{" "}
          <Link href="/dashboard" className="underline">
            Back to the dashboard
          </Link>
        </p>
      )}
    </div>
  );
}
