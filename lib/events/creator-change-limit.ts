import "server-only";
import { AppError } from "@/lib/errors";
import { checkRateLimit } from "@/lib/redis/rate-limit";

/**
 * Changes a creator makes to what visitors see (profile, event edits,
 * cancel, delete, duplicate): policy `creatorChange` per creator. Each one
 * invalidates public caches, so this also bounds how often one account can
 * make the site re-render. Admins are not limited (they moderate many events).
 */
export async function assertCanChange(actor: { id: string; role: "CREATOR" | "ADMIN" }): Promise<void> {
  if (actor.role === "ADMIN") return;
  const limit = await checkRateLimit("creatorChange", actor.id);
  if (limit.success) return;
  const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
  throw new AppError("RATE_LIMITED", `Too many changes, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`, {
    retryAfterSeconds: limit.retryAfterSeconds,
  });
}
