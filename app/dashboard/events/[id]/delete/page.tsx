import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/http/current-user";
import { deleteEventAction } from "../../actions";
import { formatterFor } from "@/lib/i18n/format";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "@/app/request-locale";
import { ownedEventOr404 } from "../owned-event-or-404";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("dashboard.delete.metaTitle"), robots: { index: false } };
}

/** The confirmation before a delete (a plain form: works without JavaScript). */
export default async function DeleteEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/dashboard/events/${id}/delete`);
  const event = await ownedEventOr404(user, id);
  const locale = await requestLocale();
  const t = translatorFor(locale);
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t("dashboard.delete.title", { title: event.title })}</h1>
      <p className="mt-2 text-stone-700">{t("dashboard.baliTime", { date: formatterFor(locale).dateTime(event.startsAt) })}</p>
      <p className="mt-4">{t("dashboard.delete.text")}</p>
      <form action={deleteEventAction.bind(null, event.id)} className="mt-6 flex flex-wrap items-center gap-4">
        <button type="submit" className="rounded-md bg-red-700 px-5 py-2 font-semibold text-white hover:bg-red-800">
          {t("dashboard.delete.button")}
        </button>
        <Link href={localizedPath(locale, "/dashboard")} className="underline">
          {t("dashboard.keepIt")}
        </Link>
      </form>
    </div>
  );
}
