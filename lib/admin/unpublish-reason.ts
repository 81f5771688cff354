import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";

/** The reason the creator sees on their dashboard when an admin unpublishes their event (from /admin/events or a report). */
const ZUnpublishReason = z.string().trim().min(3, "Give the creator a reason (at least 3 characters).").max(1000, "Keep the reason under 1,000 characters.");

/** The trimmed reason, or INVALID_INPUT with the message on the "reason" field. */
export function parseUnpublishReason(raw: string | undefined): string {
  const parsed = ZUnpublishReason.safeParse(raw ?? "");
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? "Give the creator a reason.";
  throw new AppError("INVALID_INPUT", message, { fields: { reason: message } });
}
