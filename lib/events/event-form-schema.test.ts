import { describe, expect, it } from "vitest";
import {
  EMPTY_EVENT_FORM,
  eventFormErrors,
  eventFormSchema,
  eventToFormValues,
  parseRupiah,
  readEventFormValues,
  START_TIME_OPTIONS,
  type TEventFormValues,
} from "./event-form-schema";

const now = new Date("2026-11-20T04:00:00Z"); // 12:00 in Bali

const valid: TEventFormValues = {
  ...EMPTY_EVENT_FORM,
  title: "Full Moon Sound Bath",
  startDate: "2026-11-25",
  startTime: "19:30",
  durationDays: "1",
  durationHours: "2",
  durationMinutes: "15",
  location: "ubud",
  venueName: "Yoga Barn",
  eventType: "sound-healing",
  entranceType: "pay-at-site",
  entranceFee: "150.000",
  participantGroup: "open",
  contactEmail: "host@example.test",
};

describe("event form schema", () => {
  it("offers 96 start times in 15-minute steps", () => {
    expect(START_TIME_OPTIONS).toHaveLength(96);
    expect([START_TIME_OPTIONS[0], START_TIME_OPTIONS[1], START_TIME_OPTIONS[95]]).toEqual(["00:00", "00:15", "23:45"]);
  });

  it("reads rupiah as people type it", () => {
    expect(["150000", "150.000", "150,000", "Rp 150.000", "Rp150.000", " 150 000 ", ""].map(parseRupiah)).toEqual([
      150_000, 150_000, 150_000, 150_000, 150_000, 150_000, 0,
    ]);
    expect(["150.5", "1.50", "-5", "abc", "1e6", "15.0000"].map(parseRupiah)).toEqual([null, null, null, null, null, null]);
  });

  it("turns Bali wall-clock input into UTC instants, whatever the server's time zone", () => {
    const parsed = eventFormSchema({ now }).parse(valid);
    expect(parsed.startsAt.toISOString()).toBe("2026-11-25T11:30:00.000Z");
    expect(parsed.durationMinutes).toBe(1440 + 135);
    expect(parsed.endsAt.toISOString()).toBe("2026-11-26T13:45:00.000Z");
    expect(parsed.entranceFeeIdr).toBe(150_000);
    expect([parsed.venueAddress, parsed.ledBy, parsed.contactPhone, parsed.bookingUrl]).toEqual([null, null, null, null]);
  });

  it("compares the start with now in Bali time", () => {
    const schema = eventFormSchema({ now });
    expect(schema.safeParse({ ...valid, startDate: "2026-11-20", startTime: "12:15" }).success).toBe(true);
    const result = schema.safeParse({ ...valid, startDate: "2026-11-20", startTime: "12:00" });
    expect(result.success).toBe(false);
    expect(eventFormErrors(result.error!)).toEqual({ startDate: "The start must be in the future." });
    // When editing, an unchanged start may be in the past (the event is under way).
    const keep = eventFormSchema({ now, keepStartsAt: new Date("2026-11-20T03:00:00Z") });
    expect(keep.safeParse({ ...valid, startDate: "2026-11-20", startTime: "11:00" }).success).toBe(true);
  });

  it("round-trips a stored event through the edit form", () => {
    const parsed = eventFormSchema({ now }).parse(valid);
    const values = eventToFormValues({
      ...parsed,
      location: { slug: parsed.locationSlug },
      eventType: { slug: parsed.eventTypeSlug },
      entranceType: { slug: parsed.entranceTypeSlug },
      participantGroup: { slug: parsed.participantGroupSlug },
    });
    expect(values).toEqual({ ...valid, entranceFee: "150000" });
  });

  it("reads a submission, missing fields as empty strings", () => {
    const formData = new FormData();
    formData.set("title", "Kirtan");
    formData.set("intent", "publish");
    expect(readEventFormValues(formData)).toEqual({
      ...EMPTY_EVENT_FORM,
      ...Object.fromEntries(Object.keys(EMPTY_EVENT_FORM).map((key) => [key, ""])),
      title: "Kirtan",
    });
  });

  describe("Languages spoken", () => {
    const schema = eventFormSchema({ now });
    const errorsOf = (values: Partial<TEventFormValues>) => {
      const result = schema.safeParse(values);
      return result.success ? {} : eventFormErrors(result.error);
    };

    it("is English for a new event, and when a caller leaves the field out", () => {
      expect(EMPTY_EVENT_FORM.languages).toBe("en");
      expect(schema.parse(valid).languages).toEqual(["en"]);
      const { languages: _left, ...withoutLanguages } = valid;
      expect(schema.parse(withoutLanguages).languages).toEqual(["en"]);
    });

    it("keeps the ticked languages in the list's order, each once", () => {
      expect(schema.parse({ ...valid, languages: "ru,en" }).languages).toEqual(["en", "ru"]);
      expect(schema.parse({ ...valid, languages: "ru,ru,id,ru" }).languages).toEqual(["id", "ru"]);
    });

    it("needs at least one", () => {
      expect(errorsOf({ ...valid, languages: "" })).toEqual({ languages: "Choose at least one language." });
      expect(errorsOf({ ...valid, languages: " , " })).toEqual({ languages: "Choose at least one language." });
    });

    it("takes only languages of the list, and not too many", () => {
      expect(errorsOf({ ...valid, languages: "en,xx" })).toEqual({ languages: "Choose languages from the list." });
      expect(errorsOf({ ...valid, languages: "EN" })).toEqual({ languages: "Choose languages from the list." });
      expect(errorsOf({ ...valid, languages: Array.from({ length: 30 }, () => "en").join(",") })).toEqual({ languages: "Choose languages from the list." });
    });

    it("reads the ticked checkboxes of a submission, and none as none", () => {
      const formData = new FormData();
      formData.append("languages", "ru");
      formData.append("languages", "en");
      formData.append("languages", "ru");
      expect(readEventFormValues(formData).languages).toBe("ru,en,ru");
      expect(readEventFormValues(new FormData()).languages).toBe("");
    });

    it("comes back into the edit form as stored", () => {
      const parsed = schema.parse({ ...valid, languages: "id,en" });
      const values = eventToFormValues({
        ...parsed,
        location: { slug: parsed.locationSlug },
        eventType: { slug: parsed.eventTypeSlug },
        entranceType: { slug: parsed.entranceTypeSlug },
        participantGroup: { slug: parsed.participantGroupSlug },
      });
      expect(values.languages).toBe("en,id");
    });
  });
});
