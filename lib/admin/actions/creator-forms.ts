"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getClientIp } from "@/lib/http/client-ip";
import { endAllSessions, sendPasswordResetAsAdmin } from "../account-support";
import { createCreatorAsAdmin } from "../create-creator";
import { editCreatorAsAdmin } from "../edit-creator";
import { requireAdmin } from "@/lib/http/require-admin";

/** What the creator form shows after an answer: a message, one message per field, and everything typed (nothing is lost). */
export type TCreatorFormState = { message?: string; error?: string; fields?: Record<string, string>; values?: Record<string, string> };

const TEXT_FIELDS = ["name", "organisation", "email", "phone"] as const;

type TTyped = Record<(typeof TEXT_FIELDS)[number], string>;

function typed(formData: FormData): TTyped {
  return Object.fromEntries(TEXT_FIELDS.map((field) => [field, String(formData.get(field) ?? "")])) as TTyped;
}

function refused(error: unknown, values: Record<string, string>): TCreatorFormState {
  if (!(error instanceof AppError)) throw error;
  return { error: error.message, fields: error.fields, values };
}

export async function createCreatorAction(_previous: TCreatorFormState, formData: FormData): Promise<TCreatorFormState> {
  const admin = await requireAdmin("/admin/creators/new");
  const values = typed(formData);
  let created: { id: string; mailed: boolean };
  try {
    created = await createCreatorAsAdmin({
      actor: { id: admin.id, email: admin.email },
      input: { ...values, password: String(formData.get("password") ?? ""), verified: formData.get("verified") === "on", active: formData.get("active") === "on" },
      ip: getClientIp(await headers()),
    });
  } catch (error) {
    return refused(error, values);
  }
  redirect(`/admin/creators/${created.id}/edit?done=${created.mailed ? "created-mailed" : "created"}`);
}

export async function editCreatorAction(creatorId: string, _previous: TCreatorFormState, formData: FormData): Promise<TCreatorFormState> {
  const admin = await requireAdmin(`/admin/creators/${creatorId}/edit`);
  const values = typed(formData);
  try {
    const { changed } = await editCreatorAsAdmin({ actor: { id: admin.id, email: admin.email }, creatorId, input: values, ip: getClientIp(await headers()) });
    return { message: changed.length ? "Changes saved." : "Nothing changed.", values };
  } catch (error) {
    return refused(error, values);
  }
}

/** "End all sessions" and "Send password reset" buttons, for any account. */
export async function accountSupportAction(userId: string, returnTo: string, formData: FormData): Promise<void> {
  const admin = await requireAdmin("/admin/creators");
  const action = String(formData.get("action") ?? "");
  const back = returnTo.startsWith("/admin/") ? returnTo : "/admin/creators";
  const separator = back.includes("?") ? "&" : "?";
  const actor = { id: admin.id, email: admin.email };
  const ip = getClientIp(await headers());
  let done: string;
  try {
    if (action === "end-sessions") {
      const { ended } = await endAllSessions({ actor, userId, ip });
      done = `${ended} ${ended === 1 ? "session" : "sessions"} ended`;
    } else if (action === "send-reset") {
      await sendPasswordResetAsAdmin({ actor, userId, ip });
      done = "password reset email sent";
    } else {
      done = "";
    }
  } catch (error) {
    if (error instanceof AppError) redirect(`${back}${separator}error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  if (!done) redirect(`${back}${separator}error=${encodeURIComponent("Unknown action.")}`);
  redirect(`${back}${separator}done=${encodeURIComponent(done)}`);
}
