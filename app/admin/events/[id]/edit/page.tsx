import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventForm } from "@/components/event-form";
import { eventFormText } from "@/lib/events/event-form-text";
import { firstParam } from "@/lib/admin/admin-url";
import { requireAdmin } from "@/lib/http/require-admin";
import { getEventOwner } from "@/lib/admin/get-event-owner";
import { AppError } from "@/lib/errors";
import { eventToFormValues } from "@/lib/events/event-form-schema";
import { getOwnedEvent, type TOwnedEvent } from "@/lib/events/get-owned-event";
import { getEventImage } from "@/lib/events/set-event-image";
import { eventFormReference } from "@/lib/reference/event-form-reference";
import { EVENT_STATUS_LABEL } from "@/lib/events/event-status";
import { adminSaveEventAction, moderateEventAction } from "../../actions";

export const metadata: Metadata = { title: "Edit event · Admin", robots: { index: false } };

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminEditEventPage({ params, searchParams }: TProps) {
  const { id } = await params;
  const here = `/admin/events/${id}/edit`;
  const admin = await requireAdmin(here);
  let event: TOwnedEvent;
  try {
    event = await getOwnedEvent({ actor: admin, eventId: id });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const [reference, image, owner] = await Promise.all([eventFormReference(event), getEventImage(event.id), getEventOwner(event.creatorId)]);
  const raw = await searchParams;
  const done = firstParam(raw.done);
  const error = firstParam(raw.error);
  const moderate = moderateEventAction.bind(null, event.id, here);

  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-4 text-sm">
        <Link href="/admin/events" className="underline">
          ← All events
        </Link>
      </p>
      <h1 className="text-3xl font-bold">Edit event</h1>
      <p className="mt-2 text-stone-700">
        Status: <span className="rounded-full bg-stone-100 px-2 py-0.5 text-sm font-semibold">{EVENT_STATUS_LABEL[event.status]}</span> · by {owner.name} ·{" "}
        <Link href={`/events/${event.slug}`} className="underline">
          Preview
        </Link>
      </p>
      {event.status === "UNPUBLISHED" && event.unpublishReason && (
        <p className="mt-2 rounded-md bg-red-50 p-3 text-sm text-red-900">Unpublished. Reason given to the creator: {event.unpublishReason}</p>
      )}
      {done === "saved" && (
        <p role="status" className="mt-4 rounded-md bg-green-50 p-3 text-green-900">
          Changes saved.
        </p>
      )}
      {done && done !== "saved" && (
        <p role="status" className="mt-4 rounded-md bg-green-50 p-3 text-green-900">
          Done: {done}.
        </p>
      )}
      {error && (
        <p role="alert" className="mt-4 rounded-md bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
      <div className="mt-3 flex flex-wrap gap-2 text-sm">
        {event.status !== "PUBLISHED" && (
          <form action={moderate}>
            <button name="action" value="publish" className="rounded border border-stone-300 px-3 py-1.5 hover:bg-stone-100">
              Publish
            </button>
          </form>
        )}
      </div>
      <p className="mt-2 text-sm text-stone-700">Every date and time is Bali time (WITA). Changes are live as soon as you save them.</p>
      <div className="mt-6">
        <EventForm
          text={eventFormText("en")}
          action={adminSaveEventAction.bind(null, event.id)}
          initialValues={eventToFormValues(event)}
          reference={reference}
          mode="live"
          minDate="2000-01-01"
          currentImage={image}
          creatorEmail={owner.email}
        />
      </div>
    </div>
  );
}
