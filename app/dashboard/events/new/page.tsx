import type { Metadata } from "next";
import Link from "next/link";
import { EventForm } from "@/components/event-form";
import { publishButtonLabel } from "@/lib/payments/payment-mode";
import { requireUser } from "@/lib/http/current-user";
import { saveEventAction } from "../actions";
import { EMPTY_EVENT_FORM } from "@/lib/events/event-form-schema";
import { eventFormText, localizedReference } from "@/lib/events/event-form-text";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { listReferenceData } from "@/lib/reference/list-reference-data";
import { toBaliDate } from "@/lib/time/bali";
import { requestLocale } from "@/app/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("dashboard.newEvent.title"), robots: { index: false } };
}

export default async function NewEventPage() {
  const user = await requireUser("/dashboard/events/new");
  const locale = await requestLocale();
  const t = translatorFor(locale);
  const reference = await listReferenceData();
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-4 text-sm">
        <Link href={localizedPath(locale, "/dashboard")} className="underline">
          {t("dashboard.back")}
        </Link>
      </p>
      <h1 className="text-3xl font-bold">{t("dashboard.newEvent.title")}</h1>
      <p className="mt-2 text-stone-700">{t("dashboard.newEvent.intro")}</p>
      <div className="mt-6">
        <EventForm
          action={saveEventAction.bind(null, null)}
          text={eventFormText(locale)}
          publishLabel={publishButtonLabel(locale)}
          initialValues={{ ...EMPTY_EVENT_FORM, contactEmail: user.email }}
          reference={localizedReference(reference, locale)}
          mode="draft"
          withRepeat
          minDate={toBaliDate(new Date())}
          publishHint={user.emailVerifiedAt ? undefined : t("dashboard.verifyToPublishHint")}
        />
      </div>
    </div>
  );
}
