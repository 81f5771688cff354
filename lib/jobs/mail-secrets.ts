import type { Redis as IORedis } from "ioredis";
import { mailHasSecrets, redactMail } from "@/lib/mail/redact-secrets";
import type { TMail } from "@/lib/mail/types";
import { normalisePrefix } from "@/lib/redis/client";
import { JOB_POLICIES, type TJobData } from "./policies";

/**
 * Mail jobs never keep a single-use link in the queue's job data.
 *
 * A mail whose links carry a secret (verification, password reset) is queued
 * "sealed": the job data holds the mail with the secrets redacted, and the
 * full text and HTML wait beside it in `<prefix>mail-secret:<messageId>`, a
 * key that EXPIRES WITH THE LINK (`mail.secretUntil`: 24 h for verification,
 * 1 h for reset; `secretsKeptForMs` when a mail does not say). So:
 *
 * - a completed, waiting, delayed or failed job's data never contains the
 *   token, whatever happens to it later (no sweep to run, no worker needed);
 * - the worker reads the full text just before sending and deletes it once
 *   the mail went out;
 * - once the link has expired the full text is gone by itself (Redis TTL):
 *   the worker fails the job instead of sending a dead link, and the admin's
 *   "Retry" is refused with a message.
 *
 * Same Redis as the queue (the state Redis, REDIS_URL), through BullMQ's own
 * ioredis connection.
 */

type TMailJobData = TJobData["mail"];
type TSealedParts = Pick<TMail, "text" | "html">;

export class MailLinkExpiredError extends Error {
  constructor() {
    super("the link in this mail has expired, so it was not sent (the user can ask for a new one)");
    this.name = "MailLinkExpiredError";
  }
}

export function mailSecretKey(redisKeyPrefix: string, messageId: string): string {
  return `${normalisePrefix(redisKeyPrefix)}mail-secret:${messageId}`;
}

/** What goes into the queue for `data`: the mail as is when it has no secret, otherwise sealed (the full text stored until its link expires). */
export async function sealMailJob(connection: IORedis, redisKeyPrefix: string, data: TMailJobData, now = Date.now()): Promise<TMailJobData> {
  if (!mailHasSecrets(data.mail)) return data;
  const until = data.mail.secretUntil ?? now + JOB_POLICIES.mail.secretsKeptForMs;
  const keepForMs = Math.floor(until - now);
  if (keepForMs > 0) {
    const parts: TSealedParts = { text: data.mail.text, ...(data.mail.html !== undefined ? { html: data.mail.html } : {}) };
    await connection.set(mailSecretKey(redisKeyPrefix, data.messageId), JSON.stringify(parts), "PX", keepForMs);
  }
  return { mail: redactMail(data.mail), messageId: data.messageId, sealed: true };
}

/** The job's mail in full, ready to send; throws MailLinkExpiredError when its link has expired. */
export async function unsealMailJob(connection: IORedis, redisKeyPrefix: string, data: TMailJobData): Promise<TMailJobData> {
  if (!data.sealed) return data;
  const stored = await connection.get(mailSecretKey(redisKeyPrefix, data.messageId));
  if (stored === null) throw new MailLinkExpiredError();
  const parts = JSON.parse(stored) as TSealedParts;
  return { ...data, mail: { ...data.mail, text: parts.text, ...(parts.html !== undefined ? { html: parts.html } : {}) } };
}

/** After delivery: the link now lives only in the recipient's mailbox. */
export async function forgetMailSecret(connection: IORedis, redisKeyPrefix: string, data: TMailJobData): Promise<void> {
  if (data.sealed) await connection.del(mailSecretKey(redisKeyPrefix, data.messageId));
}

/** False when the job is sealed and its link has expired (nothing worth sending again). */
export async function mailStillSendable(connection: IORedis, redisKeyPrefix: string, data: TMailJobData): Promise<boolean> {
  if (!data.sealed) return true;
  return (await connection.exists(mailSecretKey(redisKeyPrefix, data.messageId))) === 1;
}
