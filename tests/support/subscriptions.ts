import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { savedCookieHeader, savedKeyOf } from "@/lib/saved/saved-cookie";

/** Helpers of the subscription tests: addresses, IPs, mail files (MAIL_DIR) and the requests the forms send. */

export const APP = "http://localhost:3000";
const runId = randomUUID().slice(0, 8);
let ipCounter = 0;

/** A new address of this run (cleaned up by `deleteRunSubscribers`). */
export const newAddress = (name = "sub") => `${name}-${runId}-${randomUUID().slice(0, 8)}@example.test`;

/**
 * A new client IP, of this run only (test files share Redis's counters): the per-IP limit (5 an hour) never meets a
 * test that does not mean to.
 */
export const freshIp = () => `2001:db8:${runId.slice(0, 4)}:${runId.slice(4, 8)}::${(++ipCounter).toString(16)}`;

export async function deleteRunSubscribers(): Promise<void> {
  await db.subscriber.deleteMany({ where: { email: { contains: `-${runId}-` } } });
}

export async function mailsTo(mailDir: string, address: string): Promise<string[]> {
  const files = (await readdir(mailDir).catch(() => [] as string[])).filter((file) => file.includes(address)).sort();
  return Promise.all(files.map((file) => readFile(path.join(mailDir, file), "utf8")));
}

export const subjectOf = (mail: string) => /^Subject: (.*)$/m.exec(mail)?.[1];

/** The confirmation token in a mail's link. */
export function confirmTokenIn(mail: string): string {
  const match = /\/subscribe\/confirm\?token=([A-Za-z0-9_-]{43})/.exec(mail);
  if (!match) throw new Error(`no confirmation link in:\n${mail}`);
  return match[1]!;
}

/** The Cookie header of a browser that saved these events (the signed saved-list cookie). */
export function savedListCookie(eventIds: string[]): string {
  return savedCookieHeader(eventIds.map((id) => savedKeyOf(id)!)).split(";")[0]!;
}

/** A form post as a browser on our own pages sends it. */
export function formPost(
  pathname: string,
  fields: Record<string, string>,
  { ip = freshIp(), locale = "en", cookie, site = "same-origin" }: { ip?: string; locale?: string; cookie?: string; site?: string | null } = {},
): Request {
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded", "x-zb-locale": locale, "x-zenbali-client-ip": ip });
  if (site) headers.set("sec-fetch-site", site);
  if (cookie) headers.set("cookie", cookie);
  return new Request(`${APP}${pathname}`, { method: "POST", headers, body: new URLSearchParams(fields).toString() });
}
