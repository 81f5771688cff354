import "server-only";
import { AppError } from "@/lib/errors";
import { checkRateLimit } from "@/lib/redis/rate-limit";

/** New events (created or duplicated) per creator: policy `eventCreate` (30 a day). */
export async function assertCanCreateEvent(actorId: string): Promise<void> {
  const limit = await checkRateLimit("eventCreate", actorId);
  if (limit.success) return;
  const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
  throw new AppError("RATE_LIMITED", `Too many attempts, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`, {
    retryAfterSeconds: limit.retryAfterSeconds,
  });
}
