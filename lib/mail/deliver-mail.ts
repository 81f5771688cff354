import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { getEnv } from "@/lib/env";
import { JOB_POLICIES } from "@/lib/jobs/policies";
import { redactSecrets } from "./redact-secrets";
import type { TMail } from "./types";

/**
 * The actual delivery of one mail, used by the "mail" job (in the worker, or in
 * process when there is no queue). Throws when the mail did not go out, so the
 * job is retried.
 *
 * - SMTP_URL set → nodemailer over SMTP (a new connection per mail, or a small pool of kept-open ones for the digest;
 *   bounded timeouts).
 * - no SMTP_URL  → written to MAIL_DIR as an .eml file (in full, so a developer
 *   can click the links) and to the log with the links' secrets redacted (logs
 *   are shipped and kept; a reset link there is an account takeover).
 *
 * No `import "server-only"`: the worker script runs this outside Next.
 */

export type TDeliveredMail = { via: "smtp" | "file"; messageId: string; file?: string };

/** An SMTP answer that will not change on retry (5xx: unknown mailbox, rejected content…). */
export class PermanentMailError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentMailError";
  }
}

const transports = new Map<string, nodemailer.Transporter>();

/** Connections a pooled transport keeps open to the SMTP server: as many as digest mails a worker sends at once. */
export const SMTP_POOL_CONNECTIONS = JOB_POLICIES.digest.concurrency;

function transportFor(smtpUrl: string, pooled: boolean): nodemailer.Transporter {
  const key = `${pooled ? "pool" : "single"} ${smtpUrl}`;
  let transport = transports.get(key);
  if (!transport) {
    // nodemailer reads only the URL when given one: the options go into its query.
    const url = new URL(smtpUrl);
    const options: Record<string, string> = {
      // Fail within seconds when the server is away: the job is retried later.
      connectionTimeout: "10000",
      greetingTimeout: "10000",
      socketTimeout: "30000",
      // Many mails in a row (the digest): kept-open connections, each greeted once, instead of a connection per mail.
      ...(pooled ? { pool: "true", maxConnections: String(SMTP_POOL_CONNECTIONS), maxMessages: "100" } : {}),
    };
    for (const [name, value] of Object.entries(options)) if (!url.searchParams.has(name)) url.searchParams.set(name, value);
    transport = nodemailer.createTransport(url.toString());
    transports.set(key, transport);
  }
  return transport;
}

/** A stable Message-ID for one mail (the same on every retry, so receivers can drop a duplicate). */
export function newMessageId(): string {
  const from = getEnv().MAIL_FROM;
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "zenbali.site";
  return `<${randomUUID()}@${domain}>`;
}

const headerValue = (value: string) => value.replace(/[\r\n]+/g, " ");

/** A mail's extra headers with names that are header names and values on one line (no header can be smuggled in). */
function safeHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => /^[A-Za-z][A-Za-z0-9-]{0,75}$/.test(name))
      .map(([name, value]) => [name, headerValue(value)]),
  );
}

/** The .eml text written when there is no SMTP server (also used for mail that could not be delivered at all). */
export function toEml(mail: TMail, { from, messageId, date = new Date() }: { from: string; messageId: string; date?: Date }): string {
  return [
    `From: ${headerValue(from)}`,
    `To: ${headerValue(mail.to)}`,
    `Subject: ${headerValue(mail.subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: ${headerValue(messageId)}`,
    ...Object.entries(mail.headers ? safeHeaders(mail.headers) : {}).map(([name, value]) => `${name}: ${value}`),
    "Content-Type: text/plain; charset=utf-8",
    "",
    mail.text,
    "",
  ].join("\r\n");
}

/** Writes the mail to `dir` as `<timestamp>-<to>.eml` (never overwriting another file). */
export async function writeMailFile(dir: string, mail: TMail, eml: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const base = `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.to.replace(/[^a-z0-9@.-]/gi, "_")}`;
  for (let copy = 0; ; copy++) {
    const file = path.join(dir, `${base}${copy ? `-${copy}` : ""}.eml`);
    try {
      await writeFile(file, eml, { flag: "wx" });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || copy >= 50) throw error;
    }
  }
}

function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/**
 * `pooled`: through a small pool of kept-open SMTP connections (SMTP_POOL_CONNECTIONS), for many mails in a row (the
 * weekly digest); otherwise a connection of its own.
 */
export async function deliverMail(
  mail: TMail,
  { messageId = newMessageId(), pooled = false }: { messageId?: string; pooled?: boolean } = {},
): Promise<TDeliveredMail> {
  const env = getEnv();
  if (env.SMTP_URL) {
    try {
      await transportFor(env.SMTP_URL, pooled).sendMail({
        from: env.MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
        // Set as they are: nodemailer's `list` option cannot write List-Unsubscribe-Post (RFC 8058).
        ...(mail.headers ? { headers: safeHeaders(mail.headers) } : {}),
      });
    } catch (error) {
      if (isPermanentSmtpError(error)) {
        throw new PermanentMailError(`the SMTP server refused the mail to ${mail.to}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
      throw error;
    }
    return { via: "smtp", messageId };
  }
  const file = await writeMailFile(env.MAIL_DIR, mail, toEml(mail, { from: env.MAIL_FROM, messageId }));
  console.log(`Mail (no SMTP_URL set) to ${mail.to}: "${mail.subject}" written to ${file} (links in full there; redacted here)\n${redactSecrets(mail.text)}`);
  return { via: "file", messageId, file };
}

/**
 * Last resort for mail that could not be delivered even after its retries (in
 * process, without a queue): kept as a file in MAIL_DIR/undelivered so that it
 * is not lost. Never throws.
 */
export async function keepUndeliveredMail(mail: TMail, messageId: string): Promise<string | null> {
  try {
    const env = getEnv();
    return await writeMailFile(path.join(env.MAIL_DIR, "undelivered"), mail, toEml(mail, { from: env.MAIL_FROM, messageId }));
  } catch {
    return null;
  }
}

/** Closes the SMTP transports (scripts, tests, worker shutdown). */
export function closeMailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}
