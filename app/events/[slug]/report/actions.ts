"use server";

import { headers } from "next/headers";
import { AppError } from "@/lib/errors";
import { getClientIp } from "@/lib/http/client-ip";
import { createReport } from "@/lib/reports/create-report";
import { formText } from "@/lib/http/form-fields";
import { translatorFor } from "@/lib/i18n/translator";
import { requestLocale } from "../../../request-locale";

export type TReportState = {
  status: "idle" | "sent" | "error";
  message?: string;
  fields?: Record<string, string>;
  values?: { reason?: string; details?: string };
};

export async function submitReport(slug: string, _previous: TReportState, formData: FormData): Promise<TReportState> {
  const values = { reason: formText(formData, "reason"), details: formText(formData, "details") };
  const requestHeaders = await headers();
  const t = translatorFor(await requestLocale());
  try {
    await createReport({
      slug,
      input: { ...values, website: formText(formData, "website") },
      ip: getClientIp(requestHeaders),
      userAgent: requestHeaders.get("user-agent") ?? "",
    });
    return { status: "sent", message: t("report.sent") };
  } catch (error) {
    if (error instanceof AppError) {
      // createReport says what went wrong in English; the visitor reads it in the page's language.
      const message =
        error.code === "RATE_LIMITED"
          ? t("report.tooMany", { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) })
          : error.code === "NOT_FOUND"
            ? t("report.notFound")
            : t("report.checkForm");
      const fields: Record<string, string> = {};
      if (error.fields?.reason) fields.reason = t("report.reasonRequired");
      if (error.fields?.details) fields.details = t("report.detailsTooLong");
      return { status: "error", message, fields, values };
    }
    console.error("report failed", error);
    return { status: "error", message: t("report.failed"), values };
  }
}
