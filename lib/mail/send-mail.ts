import "server-only";
import { enqueue } from "@/lib/jobs/queues";
import { newMessageId } from "./deliver-mail";
import type { TMail } from "./types";

export type { TMail, TMailKind } from "./types";

/**
 * Sends one email, through the job queue: with a TCP Redis (REDIS_URL) it adds
 * a "mail" job and returns at once — the worker (`npm run worker`) delivers it,
 * with retries and exponential backoff, and keeps it in the failed list if it
 * never goes out. Without one (`npm run demo`, Upstash REST only,
 * JOBS_MODE=inline), or when Redis does not answer, the mail is delivered in
 * this process, retried a few times in the background if the first try fails.
 *
 * Delivery itself (SMTP, or an .eml file in MAIL_DIR without SMTP_URL) is
 * `deliverMail` in ./deliver-mail.ts. Throws only if the mail was lost.
 */
export async function sendMail(mail: TMail): Promise<void> {
  const result = await enqueue("mail", mail.kind ?? "mail", { mail, messageId: newMessageId() });
  if (result.mode === "in-process" && result.status === "failed") {
    throw new Error(`the mail to ${mail.to} could not be sent`);
  }
}
