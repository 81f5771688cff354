import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { getEnv } from "@/lib/env";

export type TMail = { to: string; subject: string; text: string; html?: string };

let transport: nodemailer.Transporter | undefined;

/**
 * Sends one email through SMTP (SMTP_URL). Without SMTP_URL — development and
 * the demo — the message is written to MAIL_DIR as an .eml file and its text
 * to the log, so a developer can click the links.
 */
export async function sendMail(mail: TMail): Promise<void> {
  const env = getEnv();
  if (env.SMTP_URL) {
    transport ??= nodemailer.createTransport(env.SMTP_URL);
    await transport.sendMail({ from: env.MAIL_FROM, ...mail });
    return;
  }
  await mkdir(env.MAIL_DIR, { recursive: true });
  const file = path.join(env.MAIL_DIR, `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.to.replace(/[^a-z0-9@.-]/gi, "_")}.eml`);
  const eml = [`From: ${env.MAIL_FROM}`, `To: ${mail.to}`, `Subject: ${mail.subject}`, "Content-Type: text/plain; charset=utf-8", "", mail.text, ""].join("\r\n");
  await writeFile(file, eml);
  console.log(`Mail (no SMTP_URL set) to ${mail.to}: "${mail.subject}" written to ${file}\n${mail.text}`);
}
