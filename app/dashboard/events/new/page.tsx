import type { Metadata } from "next";
import Link from "next/link";
import { EventForm } from "@/components/event-form";
import { publishButtonLabel } from "@/lib/payments/payment-mode";
import { requireUser } from "@/lib/http/current-user";
import { saveEventAction } from "../actions";
import { EMPTY_EVENT_FORM } from "@/lib/events/event-form-schema";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import { toBaliDate } from "@/lib/time/bali";

export const metadata: Metadata = { title: "Post a new event", robots: { index: false } };

export default async function NewEventPage() {
  const user = await requireUser("/dashboard/events/new");
  const reference = await listReferenceData();
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-4 text-sm">
        <Link href="/dashboard" className="underline">
          ← Back to the dashboard
        </Link>
      </p>
      <h1 className="text-3xl font-bold">Post a new event</h1>
      <p className="mt-2 text-stone-700">Every date and time is Bali time (WITA). Save a draft and come back to it, or publish when it is ready.</p>
      <div className="mt-6">
        <EventForm
          action={saveEventAction.bind(null, null)}
          publishLabel={publishButtonLabel()}
          initialValues={{ ...EMPTY_EVENT_FORM, contactEmail: user.email }}
          reference={reference}
          mode="draft"
          withRepeat
          minDate={toBaliDate(new Date())}
          publishHint={user.emailVerifiedAt ? undefined : "Verify your email to publish events. You can save a draft meanwhile."}
        />
      </div>
    </div>
  );
}
