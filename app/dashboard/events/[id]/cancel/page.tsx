import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/http/current-user";
import { cancelEventAction } from "../../actions";
import { isCancellable } from "@/lib/events/event-status";
import { formatterFor } from "@/lib/i18n/format";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "@/app/request-locale";
import { ownedEventOr404 } from "../owned-event-or-404";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("dashboard.cancel.metaTitle"), robots: { index: false } };
}

/** The confirmation before cancelling a published event (a plain form: works without JavaScript). */
export default async function CancelEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/events/${id}/cancel`);
  const event = await ownedEventOr404(user, id);
  const locale = await requestLocale();
  const t = translatorFor(locale);
  const cancellable = isCancellable(event);
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t("dashboard.cancel.title", { title: event.title })}</h1>
      <p className="mt-2 text-stone-700">{t("dashboard.baliTime", { date: formatterFor(locale).dateTime(event.startsAt) })}</p>
      {cancellable ? (
        <>
          <p className="mt-4">{t("dashboard.cancel.text")}</p>
          <form action={cancelEventAction.bind(null, event.id)} className="mt-6 flex flex-wrap items-center gap-4">
            <button type="submit" className="rounded-md bg-red-700 px-5 py-2 font-semibold text-white hover:bg-red-800">
              {t("dashboard.cancel.button")}
            </button>
            <Link href={localizedPath(locale, "/dashboard")} className="underline">
              {t("dashboard.keepIt")}
            </Link>
          </form>
        </>
      ) : (
        <p className="mt-4">
          {t("dashboard.cancel.notPossible")}{" "}
          <Link href={localizedPath(locale, "/dashboard")} className="underline">
            {t("dashboard.backPlain")}
          </Link>
        </p>
      )}
    </div>
  );
}
