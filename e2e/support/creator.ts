import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { e2eServerEnv } from "../../playwright.config";

const mailDir = path.resolve(e2eServerEnv.MAIL_DIR);

/** The newest mail to an address, as filed by the suite's SMTP server (scripts/test/smtp-sink.ts). */
export async function latestMailTo(address: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = (await readdir(mailDir).catch(() => [] as string[])).filter((file) => file.includes(address.toLowerCase())).sort();
    if (files.length) {
      // The sink may still be writing it: read until two reads 100 ms apart agree.
      const file = path.join(mailDir, files.at(-1)!);
      let text = await readFile(file, "utf8");
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const again = await readFile(file, "utf8");
        if (again === text && text.length > 0) return text;
        text = again;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail for ${address}`);
}

/** The path and query of the first link in a mail that goes to `pathPrefix`. */
export function linkIn(mail: string, pathPrefix: string): string {
  const match = new RegExp(`https?://[^\\s]+${pathPrefix}[^\\s]+`).exec(mail);
  if (!match) throw new Error(`no ${pathPrefix} link in mail`);
  const url = new URL(match[0]);
  return url.pathname + url.search;
}

export async function logIn(page: Page, { email, password }: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

export async function register(page: Page, creator: { name: string; email: string; password: string }) {
  await page.goto("/register");
  await page.getByLabel("Full name").fill(creator.name);
  await page.getByLabel("Email").fill(creator.email);
  await page.getByLabel("Password", { exact: true }).fill(creator.password);
  await page.getByLabel("Confirm password").fill(creator.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/login\?registered=1/);
}
