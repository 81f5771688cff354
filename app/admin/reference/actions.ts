"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getClientIp } from "@/lib/http/client-ip";
import { formRefusal } from "@/lib/http/form-refusal";
import { requireAdmin } from "@/lib/http/require-admin";
import {
  addReferenceItem,
  moveReferenceItem,
  renameReferenceItem,
  setReferenceItemActive,
  updateReferenceItem,
  type TReferenceChangeResult,
} from "@/lib/reference/manage-reference";
import { parseReferenceKind } from "@/lib/reference/manage-reference-kinds";
import { formText } from "@/lib/http/form-fields";
import { namesFromForm } from "@/lib/reference/reference-names-input";
import { addClosedDay, type TClosedDayAdded } from "@/lib/series/closed-day-add";
import { removeClosedDay } from "@/lib/series/closed-day-remove";
import { translateClosedDay, type TClosedDayTranslated } from "@/lib/series/closed-day-translate";

/** Back to the reference page (the one-kind view when the admin was on it), with a message. */
function back(view: string, params: Record<string, string>): never {
  const kind = parseReferenceKind(view);
  const query = new URLSearchParams({ ...(kind ? { kind } : {}), ...params });
  redirect(`/admin/reference?${query.toString()}`);
}

async function actorAndIp() {
  const admin = await requireAdmin("/admin/reference");
  return { actor: { id: admin.id, email: admin.email }, ip: getClientIp(await headers()) };
}

/** The add form of one kind: field "name", and "name_id", "name_ru", … (the name in other languages; not for locations). */
export async function addReferenceAction(kindValue: string, view: string, formData: FormData): Promise<void> {
  const { actor, ip } = await actorAndIp();
  const kind = parseReferenceKind(kindValue);
  if (!kind) back(view, { error: "Unknown kind of reference data." });
  let name: string;
  try {
    name = (await addReferenceItem({ actor, kind, ip, name: formText(formData, "name"), names: namesFromForm(formData) })).name;
  } catch (error) {
    back(view, { error: formRefusal(error).message });
  }
  back(view, { done: "added", name });
}

/** Every row button: action = rename (with fields "name" and "name_id", "name_ru", …), translate (the names in other languages alone), up, down, deactivate or reactivate. The admin check runs here again, not only on the page. */
export async function changeReferenceAction(kindValue: string, id: number, view: string, formData: FormData): Promise<void> {
  const { actor, ip } = await actorAndIp();
  const kind = parseReferenceKind(kindValue);
  if (!kind) back(view, { error: "Unknown kind of reference data." });
  const action = formText(formData, "action");
  let result: TReferenceChangeResult;
  try {
    if (action === "rename") result = await renameReferenceItem({ actor, kind, ip, id, name: formText(formData, "name"), names: namesFromForm(formData) });
    else if (action === "translate") result = await updateReferenceItem({ actor, kind, ip, id, change: { names: namesFromForm(formData) } });
    else if (action === "up" || action === "down") result = await moveReferenceItem({ actor, kind, ip, id, direction: action });
    else if (action === "deactivate" || action === "reactivate")
      result = await setReferenceItemActive({ actor, kind, ip, id, isActive: action === "reactivate" });
    else back(view, { error: "Unknown action." });
  } catch (error) {
    back(view, { error: formRefusal(error).message });
  }
  if (!result.action) back(view, { done: "unchanged", name: result.item.name });
  const done =
    result.action === "reference.translate"
      ? "translated"
      : action === "rename"
        ? "renamed"
        : action === "up"
          ? "moved-up"
          : action === "down"
            ? "moved-down"
            : action === "deactivate"
              ? "deactivated"
              : "reactivated";
  back(view, { done, name: result.item.name, ...(action === "rename" && result.item.name !== result.before.name ? { from: result.before.name } : {}) });
}

/** Back to the closed days (the section of the whole page, or the closed-days view), with a message. */
function backToClosedDays(view: string, params: Record<string, string>): never {
  const query = new URLSearchParams({ ...(view === "closed-days" ? { kind: "closed-days" } : {}), section: "closed-days", ...params });
  redirect(`/admin/reference?${query.toString()}#closed-days`);
}

/** The add form of "Closed days": fields "date" (YYYY-MM-DD), "name" and "name_id", "name_ru", …. Cancels the dates of series that day. */
export async function addClosedDayAction(view: string, formData: FormData): Promise<void> {
  const { actor, ip } = await actorAndIp();
  let added: TClosedDayAdded;
  try {
    added = await addClosedDay({ actor, ip, date: formText(formData, "date"), name: formText(formData, "name"), names: namesFromForm(formData) });
  } catch (error) {
    // What was typed comes back into the form.
    const typedNames = Object.entries(namesFromForm(formData)).map(([code, name]): [string, string] => [`typedName_${code}`, name.slice(0, 200)]);
    backToClosedDays(view, {
      error: formRefusal(error).message,
      typedDate: formText(formData, "date"),
      typedName: formText(formData, "name").slice(0, 200),
      ...Object.fromEntries(typedNames.filter(([, name]) => name)),
    });
  }
  backToClosedDays(view, {
    done: "closed-day-added",
    name: added.closedDay.name,
    cancelled: String(added.cancelledDates.length),
    flagged: String(added.flaggedEvents.length),
  });
}

/** A row's "Remove" button. Dates the closed day cancelled stay cancelled. */
export async function removeClosedDayAction(id: number, view: string): Promise<void> {
  const { actor, ip } = await actorAndIp();
  let removed: { date: string; name: string };
  try {
    removed = await removeClosedDay({ actor, ip, id });
  } catch (error) {
    backToClosedDays(view, { error: formRefusal(error).message });
  }
  backToClosedDays(view, { done: "closed-day-removed", name: removed.name, date: removed.date });
}

/** A row's "Save names": fields "name_id", "name_ru", … (an empty one shows the English name). */
export async function translateClosedDayAction(id: number, view: string, formData: FormData): Promise<void> {
  const { actor, ip } = await actorAndIp();
  let translated: TClosedDayTranslated;
  try {
    translated = await translateClosedDay({ actor, ip, id, names: namesFromForm(formData) });
  } catch (error) {
    backToClosedDays(view, { error: formRefusal(error).message });
  }
  backToClosedDays(view, { done: translated.changed ? "closed-day-translated" : "closed-day-unchanged", name: translated.name });
}
