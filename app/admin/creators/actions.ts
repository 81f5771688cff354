"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { TCreatorFormState } from "@/components/admin/creator-form";
import { endAllSessions, sendPasswordResetAsAdmin } from "@/lib/admin/account-support";
import { createCreatorAsAdmin } from "@/lib/admin/create-creator";
import { editCreatorAsAdmin } from "@/lib/admin/edit-creator";
import { manageCreator } from "@/lib/admin/manage-creator";
import { getClientIp } from "@/lib/http/client-ip";
import { formRefusal } from "@/lib/http/form-refusal";
import { requireAdmin } from "@/lib/http/require-admin";
import { formText } from "@/lib/http/form-fields";

const TEXT_FIELDS = ["name", "organisation", "email", "phone", "language"] as const;

type TTyped = Record<(typeof TEXT_FIELDS)[number], string>;

function typed(formData: FormData): TTyped {
  return Object.fromEntries(TEXT_FIELDS.map((field) => [field, formText(formData, field)])) as TTyped;
}

function refused(error: unknown, values: Record<string, string>): TCreatorFormState {
  const { message, fields } = formRefusal(error);
  return { error: message, fields, values };
}

/** Back to `back` with ?done= or ?error= added. */
function backWith(back: string, name: "done" | "error", value: string): never {
  redirect(`${back}${back.includes("?") ? "&" : "?"}${name}=${encodeURIComponent(value)}`);
}

export async function createCreatorAction(_previous: TCreatorFormState, formData: FormData): Promise<TCreatorFormState> {
  const admin = await requireAdmin("/admin/creators/new");
  const values = typed(formData);
  let created: { id: string; mailed: boolean };
  try {
    created = await createCreatorAsAdmin({
      actor: { id: admin.id, email: admin.email },
      input: {
        ...values,
        password: formText(formData, "password"),
        verified: formData.get("verified") === "on",
        active: formData.get("active") === "on",
      },
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
  const action = formText(formData, "action");
  const back = returnTo.startsWith("/admin/") ? returnTo : "/admin/creators";
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
    backWith(back, "error", formRefusal(error).message);
  }
  if (!done) backWith(back, "error", "Unknown action.");
  backWith(back, "done", done);
}

/** "Deactivate", "Activate" and "Mark verified" on a creator (list and edit page). */
export async function manageCreatorAction(creatorId: string, returnTo: string, formData: FormData): Promise<void> {
  const admin = await requireAdmin("/admin/creators");
  const action = formText(formData, "action");
  const back = returnTo.startsWith("/admin/creators") ? returnTo : "/admin/creators";
  if (action !== "deactivate" && action !== "activate" && action !== "verify") backWith(back, "error", "Unknown action.");
  try {
    await manageCreator({ actor: { id: admin.id, email: admin.email }, creatorId, change: { action }, ip: getClientIp(await headers()) });
  } catch (error) {
    backWith(back, "error", formRefusal(error).message);
  }
  backWith(back, "done", action);
}
