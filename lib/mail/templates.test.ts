import { beforeAll, describe, expect, it } from "vitest";
import { accountExistsMail } from "@/lib/auth/account-exists-mail";
import {
  closedDayDatesCancelledMail,
  closedDayEventsFlaggedMail,
  eventPublishedMail,
  passwordResetMail,
  paymentReceiptMail,
  verificationMail,
} from "./templates";

beforeAll(() => {
  // The templates build absolute links from APP_URL (lib/env.ts needs a DATABASE_URL to parse; none is used here).
  process.env.DATABASE_URL ??= "postgresql://unit@127.0.0.1:5432/unit";
});

const SITE = "http://localhost:3000";
const paidAt = new Date("2026-12-08T11:30:00Z"); // 19:30 in Bali
const dates = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    title: `Kirtan ${index + 1}`,
    slug: `kirtan-${index + 1}`,
    startsAt: new Date(paidAt.getTime() + index * 86_400_000),
  }));

describe("mail templates in the recipient's language", () => {
  it("English stays word for word what it was", () => {
    expect(verificationMail({ name: "Made", token: "abc" })).toMatchObject({
      subject: "Verify your email for Zen Bali",
      text: [
        "Hello Made,",
        "Please verify your email address to publish events on Zen Bali:",
        `${SITE}/verify-email?token=abc`,
        "The link is valid for 24 hours and can be used once. If you did not sign up, you can ignore this email.",
        "Zen Bali",
      ].join("\n\n"),
    });
    expect(paymentReceiptMail({ name: "Made", eventTitle: "Kirtan", amountCents: 300, paidAt, reference: "cs_1" }).text).toContain(
      "Event: Kirtan\nAmount: USD 3\nPaid: Tue, 8 Dec 2026 · 19:30 (Bali time)\nReference: cs_1",
    );
    expect(closedDayDatesCancelledMail({ name: "Made", closedDayName: "Nyepi", day: "Tuesday, 8 December 2026", dates: dates(1) }).subject).toBe(
      "A date cancelled for Nyepi",
    );
    const two = closedDayDatesCancelledMail({ name: "Made", closedDayName: "Nyepi", day: "Tuesday, 8 December 2026", dates: dates(2) });
    expect(two.subject).toBe("2 dates cancelled for Nyepi");
    expect(two.text).toContain(
      'Tuesday, 8 December 2026 is an island-wide closed day in Bali: Nyepi. These dates of your series fall on it and have been cancelled. Their pages say "Cancelled: Nyepi".',
    );
    expect(closedDayEventsFlaggedMail({ name: "Made", closedDayName: "Nyepi", day: "x", events: dates(1) }).text).toContain(
      `It has not been cancelled. Please check that it can take place; if not, cancel or move it from your dashboard: ${SITE}/dashboard`,
    );
    expect(accountExistsMail({ name: "Made" }).subject).toBe("Someone tried to register with your email on Zen Bali");
  });

  it("Indonesian: subject, greeting and links under /id/", () => {
    const mail = verificationMail({ name: "Made", token: "abc", locale: "id" });
    expect(mail.subject).toBe("Verifikasi alamat email Anda untuk Zen Bali");
    expect(mail.text).toContain("Halo Made,");
    expect(mail.text).toContain(`${SITE}/id/verify-email?token=abc`);
    expect(passwordResetMail({ name: "Made", token: "abc", locale: "id" }).text).toContain(`${SITE}/id/reset-password?token=abc`);
    const published = eventPublishedMail({ name: "Made", eventTitle: "Kirtan", slug: "kirtan", locale: "id" });
    expect(published.subject).toBe("Acara Anda sudah tayang: Kirtan");
    expect(published.text).toContain(`${SITE}/id/events/kirtan`);
    expect(published.text).toContain(`${SITE}/id/dashboard`);
    const receipt = paymentReceiptMail({ name: "Made", eventTitle: "Kirtan", amountCents: 300, paidAt, reference: "cs_1", locale: "id" });
    expect(receipt.subject).toBe("Tanda terima Zen Bali Anda: Kirtan");
    expect(receipt.text).toContain("Dibayar: Sel, 8 Des 2026 · 19.30 (waktu Bali)");
    const account = accountExistsMail({ name: "Made", locale: "id" });
    expect(account.text).toContain(`${SITE}/id/login`);
    expect(account.text).toContain(`${SITE}/id/forgot-password`);
  });

  it("Russian: subject, greeting, plurals, dates and links under /ru/", () => {
    const mail = verificationMail({ name: "Иван", token: "abc", locale: "ru" });
    expect(mail.subject).toBe("Подтвердите адрес электронной почты для Zen Bali");
    expect(mail.text.startsWith("Здравствуйте, Иван!\n\n")).toBe(true);
    expect(mail.text).toContain(`${SITE}/ru/verify-email?token=abc`);
    expect(passwordResetMail({ name: "Иван", token: "abc", locale: "ru" }).subject).toBe("Сброс пароля Zen Bali");
    const day = "вторник, 8 декабря 2026 г.";
    expect(closedDayDatesCancelledMail({ name: "Иван", closedDayName: "Ньепи", day, dates: dates(1), locale: "ru" }).subject).toBe("1 дата отменена: Ньепи");
    const five = closedDayDatesCancelledMail({ name: "Иван", closedDayName: "Ньепи", day, dates: dates(5), locale: "ru" });
    expect(five.subject).toBe("5 дат отменено: Ньепи");
    expect(five.text).toContain(`${SITE}/ru/events/kirtan-1`);
    expect(five.text).toContain("вт, 8 дек. 2026 г. · 19:30: Kirtan 1");
    const flagged = closedDayEventsFlaggedMail({ name: "Иван", closedDayName: "Ньепи", day, events: dates(2), locale: "ru" });
    expect(flagged.subject).toBe("Ваши события приходятся на Ньепи");
    expect(flagged.text).toContain(`в личном кабинете: ${SITE}/ru/dashboard`);
  });

  it("titles and names are arguments, never parsed as messages", () => {
    const mail = eventPublishedMail({ name: "{name}", eventTitle: "Tom's {party} #1", slug: "x", locale: "ru" });
    expect(mail.subject).toBe("Ваше событие опубликовано: Tom's {party} #1");
    expect(mail.text).toContain("Здравствуйте, {name}!");
  });
});
