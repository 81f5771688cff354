import { z } from "zod";
import { AppError } from "@/lib/errors";

/** What an admin does to an event from /admin/events (the reason of an unpublish is checked by parseUnpublishReason). */
export type TModeration =
  | { action: "publish" }
  | { action: "unpublish"; reason: string }
  | { action: "feature" }
  | { action: "unfeature" }
  | { action: "delete" }
  | { action: "restore" };

/**
 * Which dates an action on a date of a series acts on: "This date only", or "The whole series" (every date that has
 * not ended). A one-off event has one date: "date".
 */
export const MODERATION_SCOPES = ["date", "series"] as const;
export type TModerationScope = (typeof MODERATION_SCOPES)[number];

/** The words the admin chooses between (the radio buttons on /admin/events). */
export const MODERATION_SCOPE_LABEL: Record<TModerationScope, string> = { date: "This date only", series: "The whole series" };

const ZModerationForm = z.object({
  action: z.enum(["publish", "unpublish", "feature", "unfeature", "delete", "restore"], { error: "Unknown action." }),
  // Forms of one-off events send no scope.
  scope: z.enum(MODERATION_SCOPES, { error: "Choose “This date only” or “The whole series”." }).default("date"),
  reason: z.string().default(""),
});

/** The moderation form's fields (as posted: missing ones are absent), or INVALID_INPUT. */
export function parseModerationForm(fields: { action?: string; scope?: string; reason?: string }): { change: TModeration; scope: TModerationScope } {
  const parsed = ZModerationForm.safeParse({
    action: fields.action || undefined,
    scope: fields.scope || undefined,
    reason: fields.reason,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue?.message ?? "Unknown action.";
    throw new AppError("INVALID_INPUT", message, { fields: { [String(issue?.path[0] ?? "action")]: message } });
  }
  const { action, scope, reason } = parsed.data;
  return { change: action === "unpublish" ? { action, reason } : { action }, scope };
}

const ZDone = z.object({
  done: z.enum(["publish", "unpublish", "feature", "unfeature", "delete", "restore"]),
  scope: z.enum(MODERATION_SCOPES).optional().catch(undefined),
  dates: z.coerce.number().int().min(0).max(100_000).optional().catch(undefined),
});

/**
 * What /admin/events says after an action, from its query string: "Done: unpublish." for a one-off event, "Done:
 * unpublish — this date only." or "Done: unpublish — the whole series, 9 dates." for a date of a series. Null for
 * anything else.
 */
export function moderationDoneMessage(params: { done?: string; scope?: string; dates?: string }): string | null {
  const parsed = ZDone.safeParse(params);
  if (!parsed.success) return null;
  const { done, scope, dates } = parsed.data;
  if (scope === "series" && dates !== undefined) return `Done: ${done} — the whole series, ${String(dates)} ${dates === 1 ? "date" : "dates"}.`;
  if (scope === "date") return `Done: ${done} — this date only.`;
  return `Done: ${done}.`;
}
