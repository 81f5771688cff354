"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getClientIp } from "@/lib/http/client-ip";
import { moderateEvent, type TModeration } from "../moderate-event";
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
    if (error instanceof AppError) redirect(`${back}${separator}error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  redirect(`${back}${separator}done=${encodeURIComponent(change.action)}`);
}
