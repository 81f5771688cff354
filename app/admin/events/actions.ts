"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { moderateEvent, type TModeration } from "@/lib/admin/moderate-event";
import { getClientIp } from "@/lib/http/client-ip";
import { formRefusal } from "@/lib/http/form-refusal";
import { requireAdmin } from "@/lib/http/require-admin";

/** One server action for every moderation button; the admin check runs again here, not only on the page. */
export async function moderateEventAction(eventId: string, returnTo: string, formData: FormData): Promise<void> {
  const admin = await requireAdmin("/admin/events");
  const action = String(formData.get("action") ?? "");
  const change: TModeration | null =
    action === "unpublish" ? { action, reason: String(formData.get("reason") ?? "") }
    : action === "publish" || action === "feature" || action === "unfeature" || action === "delete" || action === "restore" ? { action }
    : null;
  const back = returnTo.startsWith("/admin/events") ? returnTo : "/admin/events";
  const separator = back.includes("?") ? "&" : "?";
  if (!change) redirect(`${back}${separator}error=${encodeURIComponent("Unknown action.")}`);
  try {
    await moderateEvent({ actor: { id: admin.id, email: admin.email }, eventId, change, ip: getClientIp(await headers()) });
  } catch (error) {
    redirect(`${back}${separator}error=${encodeURIComponent(formRefusal(error).message)}`);
  }
  redirect(`${back}${separator}done=${encodeURIComponent(change.action)}`);
}
