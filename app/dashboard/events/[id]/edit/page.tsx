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
import { saveEventAction } from "../../actions";
import { ownedEventOr404 } from "../owned-event-or-404";
import { EVENT_STATUS_LABEL, isEditable } from "@/lib/events/event-status";

export const metadata: Metadata = { title: "Edit event", robots: { index: false } };

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ notice?: string | string[] }> };

export default async function EditEventPage({ params, searchParams }: TProps) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/events/${id}/edit`);
  const event = await ownedEventOr404(user, id);
  const notice = dashboardNotice((await searchParams).notice);
  const now = new Date();
  const isPublic = event.status === "PUBLISHED" || event.status === "CANCELLED";

  let body: React.ReactNode;
  if (!isEditable(event, now)) {
    body = (
      <p className="mt-6 rounded-md bg-stone-100 p-4">
        This event has ended and can no longer be edited. You can duplicate it from the dashboard to post it again.
      </p>
    );
  } else {
    const [reference, image] = await Promise.all([eventFormReference(event), getEventImage(event.id)]);
    const isDraft = event.status === "DRAFT" || event.status === "AWAITING_PAYMENT";
    body = (
      <div className="mt-6">
        <EventForm
          action={saveEventAction.bind(null, event.id)}
          publishLabel={publishButtonLabel()}
          initialValues={eventToFormValues(event)}
          reference={reference}
          mode={isDraft ? "draft" : "live"}
          minDate={toBaliDate(now)}
          currentImage={image}
          publishHint={
            isDraft && !user.emailVerifiedAt && user.role !== "ADMIN" ? "Verify your email to publish events. You can save a draft meanwhile." : undefined
          }
        />
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-4 text-sm">
        <Link href="/dashboard" className="underline">
          ← Back to the dashboard
        </Link>
      </p>
      <h1 className="text-3xl font-bold">Edit event</h1>
      <p className="mt-2 text-stone-700">
        Status: <span className="rounded-full bg-stone-100 px-2 py-0.5 text-sm font-semibold">{EVENT_STATUS_LABEL[event.status]}</span>
        {isPublic && (
          <>
            {" "}
            ·{" "}
            <Link href={`/events/${event.slug}`} className="underline">
              View the public page
            </Link>
          </>
        )}
      </p>
      {isPublic && <p className="mt-2 text-sm text-stone-700">Changes are live as soon as you save them. Every date and time is Bali time (WITA).</p>}
      {event.status === "UNPUBLISHED" && event.unpublishReason && (
        <p className="mt-2 rounded-md bg-red-50 p-3 text-sm text-red-900">Unpublished by the Zen Bali team. Reason: {event.unpublishReason}</p>
      )}
      {notice && (
        <p role="status" className={`mt-4 rounded-md p-3 ${notice.tone === "success" ? "bg-green-50 text-green-900" : "bg-amber-50 text-amber-950"}`}>
          {notice.text}
        </p>
      )}
      {body}
    </div>
  );
}
