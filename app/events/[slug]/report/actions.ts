"use server";

import { headers } from "next/headers";
import { AppError } from "@/lib/errors";
import { getClientIp } from "@/lib/http/client-ip";
import { createReport } from "@/lib/reports/create-report";
import { formText } from "@/lib/http/form-fields";

export type TReportState = {
  status: "idle" | "sent" | "error";
  message?: string;
  fields?: Record<string, string>;
  values?: { reason?: string; details?: string };
};

export async function submitReport(slug: string, _previous: TReportState, formData: FormData): Promise<TReportState> {
  const values = { reason: formText(formData, "reason"), details: formText(formData, "details") };
  const requestHeaders = await headers();
  try {
    await createReport({
      slug,
      input: { ...values, website: formText(formData, "website") },
      ip: getClientIp(requestHeaders),
      userAgent: requestHeaders.get("user-agent") ?? "",
    });
    return { status: "sent", message: "Thank you. Our team will review this event." };
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: error.message, fields: error.fields, values };
    console.error("report failed", error);
    return { status: "error", message: "Your report could not be sent. Please try again.", values };
  }
}
