"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { resolveReport, type TReportResolution } from "@/lib/admin/resolve-report";
import { getClientIp } from "@/lib/http/client-ip";
import { formRefusal } from "@/lib/http/form-refusal";
import { requireAdmin } from "@/lib/http/require-admin";
import { formText } from "@/lib/http/form-fields";

/** "Dismiss" and "Unpublish event" on /admin/moderation; the admin check runs again here, not only on the page. */
export async function resolveReportAction(reportId: string, returnTo: string, formData: FormData): Promise<void> {
  const admin = await requireAdmin("/admin/moderation");
  const action = formText(formData, "action");
  const resolution: TReportResolution | null =
    action === "dismiss" ? { action } : action === "unpublish" ? { action, reason: formText(formData, "reason") } : null;
  const back = returnTo.startsWith("/admin/moderation") ? returnTo : "/admin/moderation";
  // Drop an earlier outcome from the URL so that messages do not pile up.
  const url = new URL(back, "http://admin.local");
  url.searchParams.delete("done");
  url.searchParams.delete("error");
  const to = (name: "done" | "error", value: string) => {
    url.searchParams.set(name, value);
    return `${url.pathname}${url.search}`;
  };
  if (!resolution) redirect(to("error", "Unknown action."));
  try {
    await resolveReport({ actor: { id: admin.id, email: admin.email }, reportId, resolution, ip: getClientIp(await headers()) });
  } catch (error) {
    redirect(to("error", formRefusal(error).message));
  }
  redirect(to("done", resolution.action === "dismiss" ? "dismissed" : "unpublished"));
}
