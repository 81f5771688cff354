import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import { translatorFor } from "@/lib/i18n/translator";
import { EMPTY_EVENT_FORM, eventFormErrors, eventFormSchema } from "./event-form-schema";
import { eventFormMessage, translateEventFormState } from "./event-form-messages";

const now = new Date("2026-11-20T04:00:00Z");

describe("the event form's refusals in the page's language", () => {
  it("translates a validation error, and leaves English as the checks wrote it", () => {
    const result = eventFormSchema({ now }).safeParse({ ...EMPTY_EVENT_FORM, languages: "" });
    const errors = eventFormErrors(result.error!);
    expect(errors.languages).toBe("Choose at least one language.");
    expect(eventFormMessage("en", errors.languages!)).toBe("Choose at least one language.");
    expect(eventFormMessage("id", errors.languages!)).toBe("Pilih setidaknya satu bahasa.");
    expect(eventFormMessage("ru", errors.languages!)).toBe("Выберите хотя бы один язык.");
    expect(eventFormMessage("ru", "Enter a title.")).toBe("Введите название.");
  });

  it("translates the message and every field of a refused save", () => {
    const state = {
      attempt: 2,
      message: "Please correct the highlighted fields.",
      fields: { title: "Enter a title.", coverImage: "The image is larger than 5 MB.", days: "Choose at least one day of the week." },
      values: { ...EMPTY_EVENT_FORM },
    };
    expect(translateEventFormState(state, "en")).toBe(state);
    expect(translateEventFormState(state, "id")).toEqual({
      ...state,
      message: "Harap perbaiki kolom yang ditandai.",
      fields: { title: "Masukkan judul.", coverImage: "Gambar lebih besar dari 5 MB.", days: "Pilih setidaknya satu hari dalam seminggu." },
    });
  });

  it("counts minutes in the rate limits' messages", () => {
    expect(eventFormMessage("ru", "Too many changes, try again in 5 minutes.")).toBe("Слишком много изменений, попробуйте через 5 минут.");
    expect(eventFormMessage("ru", "Too many attempts, try again in 1 minute.")).toBe("Слишком много попыток, попробуйте через 1 минуту.");
    expect(eventFormMessage("id", "Too many attempts, try again in 3 minutes.")).toBe("Terlalu banyak percobaan, coba lagi dalam 3 menit.");
  });

  it("leaves a message it does not know as it is", () => {
    expect(eventFormMessage("ru", "Something else.")).toBe("Something else.");
  });

  // The English text of a check is its key: a check reworded without its catalogue entry would stay English.
  it("has every message the checks give, for forms wrong in every way", () => {
    const blank = Object.fromEntries(Object.keys(EMPTY_EVENT_FORM).map((key) => [key, ""]));
    const long = (length: number) => "x".repeat(length);
    const forms = [
      blank,
      {
        ...blank,
        title: "ab",
        description: long(5_001),
        startDate: "25/11/2026",
        startTime: "19:31",
        durationDays: "91",
        durationHours: "24",
        durationMinutes: "5",
        location: "Ubud!",
        venueName: long(161),
        venueAddress: long(301),
        eventType: "?",
        entranceType: "?",
        entranceFee: "abc",
        participantGroup: "?",
        ledBy: long(161),
        contactEmail: "not an email",
        contactPhone: "call me",
        bookingUrl: "ftp://example.com",
        languages: "xx",
      },
      { ...blank, title: long(121), entranceFee: "999999999", contactEmail: `${long(250)}@example.test`, bookingUrl: `https://example.com/${long(2_000)}` },
      { ...EMPTY_EVENT_FORM, title: "Kirtan", startDate: "2026-11-20", startTime: "11:00", durationHours: "0", entranceType: "free", entranceFee: "5" },
      { ...EMPTY_EVENT_FORM, title: "Kirtan", startDate: "2040-01-01", startTime: "11:00" },
    ];
    const messages = new Set<string>();
    for (const form of forms) {
      const result = eventFormSchema({ now }).safeParse(form);
      for (const issue of result.error?.issues ?? []) messages.add(issue.message);
    }
    expect(messages.size).toBeGreaterThan(25);
    for (const message of messages) expect(eventFormMessage("ru", message), message).not.toBe(message);
  });

  it("has the catalogue's English messages as the checks write them", () => {
    const t = translatorFor("en");
    expect(t("eventFormErrors.ledByLong")).toBe("“Led by” can be at most 160 characters.");
    expect(Object.keys(en.eventFormErrors).length).toBeGreaterThan(50);
  });
});
