"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getClientIp } from "@/lib/http/client-ip";
import { manageCreator } from "../manage-creator";
import { requireAdmin } from "@/lib/http/require-admin";

export async function manageCreatorAction(creatorId: string, returnTo: string, formData: FormData): Promise<void> {
  const admin = await requireAdmin("/admin/creators");
  const action = String(formData.get("action") ?? "");
  const back = returnTo.startsWith("/admin/creators") ? returnTo : "/admin/creators";
  const separator = back.includes("?") ? "&" : "?";
  if (action !== "deactivate" && action !== "activate" && action !== "verify") redirect(`${back}${separator}error=${encodeURIComponent("Unknown action.")}`);
  try {
    await manageCreator({ actor: { id: admin.id, email: admin.email }, creatorId, change: { action }, ip: getClientIp(await headers()) });
  } catch (error) {
    if (error instanceof AppError) redirect(`${back}${separator}error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  redirect(`${back}${separator}done=${action}`);
}
