import { open, readdir } from "node:fs/promises";
import path from "node:path";

/** One mail the app wrote to MAIL_DIR (deliver-mail.ts, when there is no SMTP server). */
export type TDemoMail = { id: string; to: string; subject: string; date: string; text: string };

/** The newest mails shown; each file is read up to this many bytes (a mail the app writes is a few KB). */
export const DEMO_MAILBOX_LIMIT = 50;
const MAX_MAIL_BYTES = 64 * 1024;

/**
 * The mails written to `dir` as .eml files, newest first (their names start
 * with the time they were written). Only the demo shows them (/demo/mail):
 * with no SMTP server, this is how a newcomer reads a verification link.
 */
export async function listDemoMail(dir: string, limit = DEMO_MAILBOX_LIMIT): Promise<TDemoMail[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const newest = names
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .reverse()
    .slice(0, limit);
  const mails = await Promise.all(newest.map(async (name) => parseEml(name, await readStart(path.join(dir, name)))));
  return mails.filter((mail) => mail !== null);
}

async function readStart(file: string): Promise<string> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(MAX_MAIL_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_MAIL_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

/** Headers up to the first blank line, then the plain-text body (the format of toEml in deliver-mail.ts). */
export function parseEml(id: string, eml: string): TDemoMail | null {
  const split = eml.indexOf("\r\n\r\n");
  if (split < 0) return null;
  const headers = new Map<string, string>();
  for (const line of eml.slice(0, split).split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return {
    id,
    to: headers.get("to") ?? "",
    subject: headers.get("subject") ?? "(no subject)",
    date: headers.get("date") ?? "",
    text: eml
      .slice(split + 4)
      .replace(/\r\n/g, "\n")
      .trimEnd(),
  };
}
