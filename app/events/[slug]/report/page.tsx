import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getPublicEvent } from "@/lib/events/get-public-event";
import { localizedPath } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { REPORT_REASONS } from "@/lib/reports/report-reasons";
import { requestLocale } from "../../../request-locale";
import { submitReport } from "./actions";
import { ReportForm } from "./report-form";

type TProps = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: translatorFor(await requestLocale())("report.title"), robots: { index: false } };
}

export default async function ReportEventPage({ params }: TProps) {
  const event = await getPublicEvent((await params).slug);
  if (!event) notFound();
  const locale = await requestLocale();
  const t = translatorFor(locale);
  return (
    <div className="mx-auto max-w-xl">
      <p className="mb-4 text-sm">
        <Link href={localizedPath(locale, `/events/${event.slug}`)} className="underline">
          {t("report.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("report.title")}</h1>
      <p className="mt-2 text-stone-700">{t.rich("report.intro", { title: event.title, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <div className="mt-6">
        <ReportForm
          action={submitReport.bind(null, event.slug)}
          words={{
            reason: t("report.reason"),
            chooseReason: t("report.chooseReason"),
            details: t("report.details"),
            send: t("report.send"),
            sending: t("report.sending"),
          }}
          reasons={REPORT_REASONS.map((reason) => ({ value: reason.value, label: t(`report.reasons.${reason.value}`) }))}
        />
      </div>
    </div>
  );
}
