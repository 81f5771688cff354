import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { register } from "@/app/register/actions";
import { hashPassword } from "@/lib/auth/password";
import { registerCreator } from "@/lib/auth/register-creator";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { LANGUAGE_MESSAGE, updateProfile } from "@/lib/auth/update-profile";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { closeRedis } from "@/lib/redis";
import { notifyClosedDay } from "@/lib/series/closed-day-notices";
import { caught, form, redirectOf } from "../support/server-actions";

// The register action reads the page's language (x-zb-locale, set by proxy.ts) and the client IP from next/headers,
// and defers mail with next/server's after(): outside a request, give it both and run deferred work at once.
const request = vi.hoisted(() => ({ locale: "en" }));
vi.mock("next/headers", () => ({
  headers: () => Promise.resolve(new Headers({ "x-zb-locale": request.locale, "x-zenbali-client-ip": `203.0.113.${Math.floor(Math.random() * 250)}` })),
}));
vi.mock("next/server", () => ({ after: (task: () => Promise<void>) => void task() }));

/**
 * Mail in the recipient's language (issue 12): a creator's language is the page they registered on
 * (users.language), changed on /dashboard/profile, and every mail to them is written in it, with links into the site
 * in that language.
 */

const PASSWORD = "frangipani at the temple gate";
const runId = randomUUID().slice(0, 8);
let mailDir: string;
let ipCounter = 0;
const freshIp = () => `198.51.100.${100 + (++ipCounter % 150)}`;
const newEmail = () => `lang-${runId}-${randomUUID().slice(0, 8)}@example.test`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function mailsTo(address: string): Promise<string[]> {
  const files = (await readdir(mailDir).catch(() => [] as string[])).filter((file) => file.includes(address)).sort();
  return Promise.all(files.map((file) => readFile(path.join(mailDir, file), "utf8")));
}

async function waitForMails(address: string, count: number): Promise<string[]> {
  for (let i = 0; i < 60; i++) {
    const mails = await mailsTo(address);
    if (mails.length >= count) return mails;
    await sleep(50);
  }
  return mailsTo(address);
}

const subjectOf = (mail: string) => /^Subject: (.*)$/m.exec(mail)?.[1];

beforeAll(async () => {
  mailDir = await mkdtemp(path.join(tmpdir(), "zenbali-language-mail-"));
  process.env.MAIL_DIR = mailDir;
  delete process.env.SMTP_URL;
  resetEnvForTests();
  vi.spyOn(console, "log").mockImplementation(() => {});
});

afterAll(async () => {
  vi.restoreAllMocks();
  await db.user.deleteMany({ where: { email: { startsWith: `lang-${runId}-` } } });
  await rm(mailDir, { recursive: true, force: true });
  await disconnectDb();
  await closeRedis();
});

describe("a creator's mail language", () => {
  it("registering on /id stores 'id', and the verification mail is Indonesian with an /id/ link", async () => {
    const email = newEmail();
    await registerCreator({ input: { name: "Made Baru", email, password: PASSWORD, confirmPassword: PASSWORD }, ip: freshIp(), locale: "id" });
    expect(await db.user.findUniqueOrThrow({ where: { email }, select: { language: true } })).toEqual({ language: "id" });
    const [mail] = await waitForMails(email, 1);
    expect(subjectOf(mail!)).toBe("Verifikasi alamat email Anda untuk Zen Bali");
    expect(mail).toContain("Halo Made Baru,");
    expect(mail).toMatch(/http:\/\/localhost:3000\/id\/verify-email\?token=[A-Za-z0-9_-]{43}/);
    expect(mail).not.toContain("Please verify");
  });

  it("the /ru/register form stores 'ru', sends a Russian mail, and goes on to /ru/login", async () => {
    request.locale = "ru";
    try {
      const email = newEmail();
      const answer = await caught(
        register({}, form({ name: "Иван Петров", organisation: "", email, phone: "", password: PASSWORD, confirmPassword: PASSWORD, website: "" })),
      );
      expect(redirectOf(answer).pathname + redirectOf(answer).search).toBe("/ru/login?registered=1");
      expect(await db.user.findUniqueOrThrow({ where: { email }, select: { language: true } })).toEqual({ language: "ru" });
      const [mail] = await waitForMails(email, 1);
      expect(subjectOf(mail!)).toBe("Подтвердите адрес электронной почты для Zen Bali");
      expect(mail).toContain("Здравствуйте, Иван Петров!");
      expect(mail).toContain("http://localhost:3000/ru/verify-email?token=");

      // Its refusals are Russian too.
      const refused = await register({}, form({ name: "И", organisation: "", email: "nope", phone: "", password: "short", confirmPassword: "x", website: "" }));
      expect(refused.message).toBe("Исправьте отмеченные поля.");
      expect(refused.fields).toMatchObject({
        name: "Укажите имя и фамилию.",
        email: "Укажите правильный адрес электронной почты.",
        password: "Не менее 8 символов.",
        confirmPassword: "Пароли не совпадают.",
      });
    } finally {
      request.locale = "en";
    }
  });

  it("registering on the English page stores 'en' and mails in English, as before", async () => {
    const email = newEmail();
    await registerCreator({ input: { name: "Made New", email, password: PASSWORD, confirmPassword: PASSWORD }, ip: freshIp() });
    expect(await db.user.findUniqueOrThrow({ where: { email }, select: { language: true } })).toEqual({ language: "en" });
    const [mail] = await waitForMails(email, 1);
    expect(subjectOf(mail!)).toBe("Verify your email for Zen Bali");
    expect(mail).toContain("http://localhost:3000/verify-email?token=");
  });

  it("changing the profile's language to 'ru' makes the next mail Russian", async () => {
    const user = await db.user.create({
      data: { email: newEmail(), name: "Ketut Tester", passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() },
      select: { id: true, email: true },
    });
    const saved = await updateProfile({ userId: user.id, input: { name: "Ketut Tester", organisation: "", phone: "", language: "ru" } });
    expect(saved.language).toBe("ru");
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { language: true } })).toEqual({ language: "ru" });

    await requestPasswordReset({ email: user.email, ip: freshIp() });
    const [mail] = await waitForMails(user.email, 1);
    expect(subjectOf(mail!)).toBe("Сброс пароля Zen Bali");
    expect(mail).toContain("http://localhost:3000/ru/reset-password?token=");

    // Leaving the language out (or empty) keeps it.
    await updateProfile({ userId: user.id, input: { name: "Ketut Renamed", organisation: "", phone: "", language: "" } });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { language: true, name: true } })).toEqual({
      language: "ru",
      name: "Ketut Renamed",
    });
  });

  it("a language not on the list is refused, and nothing changes", async () => {
    const user = await db.user.create({
      data: { email: newEmail(), name: "Wayan Tester", passwordHash: await hashPassword(PASSWORD), language: "id" },
      select: { id: true },
    });
    for (const language of ["de", "EN", "ru-RU", "x".repeat(100), 7]) {
      const error = await caught(updateProfile({ userId: user.id, input: { name: "Wayan Changed", organisation: "", phone: "", language } }));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "INVALID_INPUT", fields: { language: LANGUAGE_MESSAGE } });
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { language: true, name: true } })).toEqual({
      language: "id",
      name: "Wayan Tester",
    });
  });

  it("someone registering with a known address: the owner is told in the owner's language, whatever the page's", async () => {
    const owner = await db.user.create({
      data: { email: newEmail(), name: "Nyoman Owner", passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date(), language: "id" },
      select: { email: true },
    });
    await registerCreator({
      input: { name: "Someone Else", email: owner.email, password: PASSWORD, confirmPassword: PASSWORD },
      ip: freshIp(),
      locale: "ru",
    });
    const [mail] = await waitForMails(owner.email, 1);
    expect(subjectOf(mail!)).toBe("Seseorang mencoba mendaftar dengan email Anda di Zen Bali");
    expect(mail).toContain("http://localhost:3000/id/login");
    expect(mail).toContain("http://localhost:3000/id/forgot-password");
    expect(await db.user.findUniqueOrThrow({ where: { email: owner.email }, select: { language: true } })).toEqual({ language: "id" });
  });

  it("a closed day's mails: each creator's in their language, with the closed day's name in it, the admins' in English", async () => {
    const [russian, english] = await Promise.all(
      (["ru", "en"] as const).map(async (language) =>
        db.user.create({ data: { email: newEmail(), name: `Creator ${language}`, passwordHash: "x", language }, select: { id: true, email: true } }),
      ),
    );
    const startsAt = new Date("2030-03-05T01:00:00Z"); // 09:00 in Bali
    const event = (creatorId: string, slug: string) => ({ id: randomUUID(), slug, title: "Morning Yoga", startsAt, creatorId, seriesId: randomUUID() });
    await notifyClosedDay({
      closedDay: { date: "2030-03-05", name: "Nyepi", names: { ru: "Ньепи", id: "Nyepi" } },
      cancelledDates: [event(russian!.id, "yoga-ru"), event(english!.id, "yoga-en")],
      flaggedEvents: [],
    });
    const [ru] = await waitForMails(russian!.email, 1);
    expect(subjectOf(ru!)).toBe("1 дата отменена: Ньепи");
    expect(ru).toContain("вторник, 5 марта 2030 г. — день, когда на всём Бали всё закрыто: Ньепи.");
    expect(ru).toContain("http://localhost:3000/ru/events/yoga-ru");
    const [en] = await waitForMails(english!.email, 1);
    expect(subjectOf(en!)).toBe("A date cancelled for Nyepi");
    expect(en).toContain("Tuesday, 5 March 2030 is an island-wide closed day in Bali: Nyepi.");
    expect(en).toContain("http://localhost:3000/events/yoga-en");
  });
});
