import { z } from "zod";
import { EMAIL_MAX_LENGTH } from "@/lib/auth/email";
import { withoutControlCharacters } from "@/lib/format/control-characters";
import { DEFAULT_SPOKEN_LANGUAGES, isSpokenLanguage, orderedSpokenLanguages, SPOKEN_LANGUAGE_CODES } from "@/lib/events/spoken-languages";
import { EMPTY_REPEAT_FORM, REPEAT_FIELDS } from "@/lib/series/repeat-form";
import { fromBaliDateTime, isValidBaliDate, toBaliDate, toBaliTime } from "@/lib/time/bali";

/**
 * The event form, shared by the browser form (field names, options, limits)
 * and the server (validation). Every value arrives as a string, exactly as it
 * was typed; the parsed output is what the database needs, except the
 * reference ids, which lib/events/event-form-data.ts looks up by slug.
 *
 * No server-only imports here: components/event-form.tsx imports this file.
 */

export const EVENT_FORM_FIELDS = [
  "title",
  "description",
  "startDate",
  "startTime",
  "durationDays",
  "durationHours",
  "durationMinutes",
  "location",
  "venueName",
  "venueAddress",
  "eventType",
  "entranceType",
  "entranceFee",
  "participantGroup",
  "ledBy",
  "contactEmail",
  "contactPhone",
  "bookingUrl",
  // "Languages spoken": the ticked codes joined with commas ("en,ru"), like `days`.
  "languages",
  // How it repeats (lib/series/repeat-form.ts parses these).
  ...REPEAT_FIELDS,
] as const;

export type TEventFormField = (typeof EVENT_FORM_FIELDS)[number];

/** What the creator typed, field by field (always strings: it goes back into the form on an error). */
export type TEventFormValues = Record<TEventFormField, string>;

/** Error keys: every field, plus "duration" for the duration as a whole. */
export type TEventFormErrorKey = TEventFormField | "duration";
export type TEventFormErrors = Partial<Record<TEventFormErrorKey, string>>;

/**
 * What the event form (components/event-form.tsx) shows after a refused
 * save: a message, one message per field, and everything that was typed (so
 * nothing is lost). `attempt` changes on every answer: the form remounts with
 * these values. Built by eventFormRefusal (lib/http/form-refusal.ts).
 */
export type TEventFormState = {
  attempt: number;
  message?: string;
  fields?: TEventFormErrors & { coverImage?: string; creatorEmail?: string };
  values?: TEventFormValues;
  /** The admin form's "Creator email" (reassigning the event), as typed. */
  creatorEmail?: string;
};

export const EVENT_LIMITS = {
  titleMin: 3,
  titleMax: 120,
  descriptionMax: 5_000,
  durationDaysMax: 90,
  durationMinimumMinutes: 15,
  venueNameMax: 160,
  venueAddressMax: 300,
  ledByMax: 160,
  contactEmailMax: EMAIL_MAX_LENGTH,
  bookingUrlMax: 2_000,
  entranceFeeMax: 100_000_000,
  /**
   * How far ahead a start may be. Without a bound, a start in 9999 gave an end past year 9999, which PostgreSQL stores
   * but the driver reads back as an invalid date: every listing and feed with that event failed.
   */
  startYearsAheadMax: 5,
} as const;

/** "00:00", "00:15", … "23:45": the 96 start times a creator can pick (Bali time). */
export const START_TIME_OPTIONS: readonly string[] = Array.from({ length: 96 }, (_, index) => {
  const minutes = index * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
});

export const DURATION_HOUR_OPTIONS: readonly string[] = Array.from({ length: 24 }, (_, hour) => String(hour));
export const DURATION_MINUTE_OPTIONS: readonly string[] = ["0", "15", "30", "45"];

/** The entrance type whose fee must be 0. */
export const FREE_ENTRANCE_SLUG = "free";

export const EMPTY_EVENT_FORM: TEventFormValues = {
  title: "",
  description: "",
  startDate: "",
  startTime: "",
  durationDays: "0",
  durationHours: "1",
  durationMinutes: "0",
  location: "",
  venueName: "",
  venueAddress: "",
  eventType: "",
  entranceType: "",
  entranceFee: "0",
  participantGroup: "open",
  ledBy: "",
  contactEmail: "",
  contactPhone: "",
  bookingUrl: "",
  languages: DEFAULT_SPOKEN_LANGUAGES.join(","),
  ...EMPTY_REPEAT_FORM,
};

// ─── Parsing helpers (pure, also used for cross-field checks) ────────────────

/**
 * Whole rupiah from what people type: "150000", "150.000", "150,000",
 * "Rp 150.000", " 150 000 ". Null when it is not a whole number.
 */
export function parseRupiah(value: string): number | null {
  let text = value
    .trim()
    .replace(/^(rp\.?|idr)\s*/i, "")
    .replace(/\s+/g, "");
  if (text === "") return 0;
  if (/^\d{1,3}([.,]\d{3})+$/.test(text)) text = text.replace(/[.,]/g, "");
  if (!/^\d{1,12}$/.test(text)) return null;
  return Number(text);
}

function parseWhole(value: string): number | null {
  const text = value.trim();
  if (text === "") return 0;
  return /^\d{1,4}$/.test(text) ? Number(text) : null;
}

/** Total minutes of a duration typed as days / hours / minutes, or null when a part is not valid. */
export function durationInMinutes(values: Pick<TEventFormValues, "durationDays" | "durationHours" | "durationMinutes">): number | null {
  const days = parseWhole(values.durationDays);
  const hours = parseWhole(values.durationHours);
  const minutes = parseWhole(values.durationMinutes);
  if (days === null || hours === null || minutes === null) return null;
  if (days > EVENT_LIMITS.durationDaysMax || hours > 23 || !DURATION_MINUTE_OPTIONS.includes(String(minutes))) return null;
  return days * 1440 + hours * 60 + minutes;
}

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PHONE_PATTERN = /^[+0-9 ()-]{8,20}$/;

function isHttpUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Line breaks as "\n" (browsers send "\r\n"), no trailing white space. */
function normaliseText(value: string): string {
  return value.replace(/\r\n?/g, "\n").trim();
}

/**
 * "Languages spoken" as sent: the ticked codes joined with commas. Null when one is not on the list (or there are
 * more than the list has); duplicates count once, in the list's order.
 */
export function parseSpokenLanguages(value: string): string[] | null {
  const codes = value
    .split(",")
    .map((code) => code.trim())
    .filter((code) => code !== "");
  if (codes.length > SPOKEN_LANGUAGE_CODES.length * 2 || !codes.every(isSpokenLanguage)) return null;
  return orderedSpokenLanguages(codes);
}

// ─── The schema ──────────────────────────────────────────────────────────────

/** Every field: a string (anything else is ""), without control characters (see withoutControlCharacters). */
const text = () => z.preprocess((value) => (typeof value === "string" ? withoutControlCharacters(value) : ""), z.string());

const chosen = (message: string) =>
  text()
    .transform((value) => value.trim())
    .refine((value) => value !== "", { error: message })
    .refine((value) => value === "" || (value.length <= 100 && SLUG_PATTERN.test(value)), { error: message });

const optionalText = (max: number, label: string) =>
  text()
    .transform((value) => value.trim())
    .refine((value) => value.length <= max, { error: `${label} can be at most ${max.toLocaleString("en-US")} characters.` });

const baseObject = z.object({
  title: text()
    .transform((value) => value.trim())
    .refine((value) => value !== "", { error: "Enter a title." })
    .refine((value) => value === "" || value.length >= EVENT_LIMITS.titleMin, { error: `Use at least ${EVENT_LIMITS.titleMin} characters for the title.` })
    .refine((value) => value.length <= EVENT_LIMITS.titleMax, { error: `Use at most ${EVENT_LIMITS.titleMax} characters for the title.` }),
  description: text()
    .transform(normaliseText)
    .refine((value) => value.length <= EVENT_LIMITS.descriptionMax, { error: "The description can be at most 5,000 characters." }),
  startDate: text()
    .transform((value) => value.trim())
    .refine((value) => value !== "", { error: "Enter the start date." })
    .refine((value) => value === "" || isValidBaliDate(value), { error: "Enter the start date as YYYY-MM-DD, e.g. 2026-11-25." }),
  startTime: text()
    .transform((value) => value.trim())
    .refine((value) => value !== "", { error: "Choose a start time." })
    .refine((value) => value === "" || START_TIME_OPTIONS.includes(value), { error: "Choose a start time from the list (15-minute steps)." }),
  durationDays: text().refine(
    (value) => {
      const days = parseWhole(value);
      return days !== null && days <= EVENT_LIMITS.durationDaysMax;
    },
    { error: `Days must be a whole number from 0 to ${EVENT_LIMITS.durationDaysMax}.` },
  ),
  durationHours: text().refine(
    (value) => {
      const hours = parseWhole(value);
      return hours !== null && hours <= 23;
    },
    { error: "Hours must be from 0 to 23." },
  ),
  durationMinutes: text().refine((value) => DURATION_MINUTE_OPTIONS.includes(String(parseWhole(value))), { error: "Minutes must be 0, 15, 30 or 45." }),
  location: chosen("Choose a location."),
  venueName: text()
    .transform((value) => value.trim())
    .refine((value) => value !== "", { error: "Enter the venue name." })
    .refine((value) => value.length <= EVENT_LIMITS.venueNameMax, { error: `The venue name can be at most ${EVENT_LIMITS.venueNameMax} characters.` }),
  venueAddress: optionalText(EVENT_LIMITS.venueAddressMax, "The venue address"),
  eventType: chosen("Choose an event type."),
  entranceType: chosen("Choose an entrance type."),
  entranceFee: text()
    .refine((value) => parseRupiah(value) !== null, { error: "Enter the fee in whole rupiah, e.g. 150.000 (or 0)." })
    .refine((value) => (parseRupiah(value) ?? 0) <= EVENT_LIMITS.entranceFeeMax, { error: "The entrance fee can be at most Rp 100.000.000." }),
  participantGroup: chosen("Choose who can take part."),
  ledBy: optionalText(EVENT_LIMITS.ledByMax, "“Led by”"),
  contactEmail: text()
    .transform((value) => value.trim())
    .refine((value) => value !== "", { error: "Enter a contact email." })
    .refine((value) => value.length <= EVENT_LIMITS.contactEmailMax, { error: `Use at most ${EVENT_LIMITS.contactEmailMax} characters.` })
    .refine((value) => value === "" || z.email().safeParse(value).success, { error: "Enter a valid email address, e.g. name@example.com." }),
  contactPhone: text()
    .transform((value) => value.trim())
    .refine((value) => value === "" || PHONE_PATTERN.test(value), { error: "Enter a phone number with 8 to 20 digits, spaces, +, ( ) or -." }),
  bookingUrl: text()
    .transform((value) => value.trim())
    .refine((value) => value.length <= EVENT_LIMITS.bookingUrlMax, {
      error: `The link can be at most ${EVENT_LIMITS.bookingUrlMax.toLocaleString("en-US")} characters.`,
    })
    .refine((value) => value === "" || isHttpUrl(value), { error: "Use a link that starts with http:// or https://" }),
  // Left out altogether (a caller that predates the field): English. Sent with nothing ticked: refused.
  languages: z
    .preprocess(
      (value) => (value === undefined ? DEFAULT_SPOKEN_LANGUAGES.join(",") : typeof value === "string" ? withoutControlCharacters(value) : ""),
      z.string(),
    )
    .refine((value) => parseSpokenLanguages(value) !== null, { error: "Choose languages from the list." })
    .refine((value) => (parseSpokenLanguages(value) ?? ["?"]).length > 0, { error: "Choose at least one language." }),
});

export type TEventFormOptions = {
  /** "Now" for the start-in-the-future rule (default: the moment of parsing). */
  now?: Date;
  /** When editing: the event's current start, which may stay as it is even if it has passed. */
  keepStartsAt?: Date | null;
};

/**
 * The schema, with the clock and the event being edited as options. Most
 * code uses ZEventForm (new events, the current time).
 */
export function eventFormSchema(options: TEventFormOptions = {}) {
  return baseObject
    .superRefine((values, ctx) => {
      // Cross-field rules; each one only speaks when its own fields are valid.
      const fee = parseRupiah(values.entranceFee);
      if (values.entranceType === FREE_ENTRANCE_SLUG && fee !== null && fee > 0) {
        ctx.addIssue({ code: "custom", path: ["entranceFee"], message: "Free events have no entrance fee." });
      }
      const total = durationInMinutes(values);
      if (total !== null && total < EVENT_LIMITS.durationMinimumMinutes) {
        ctx.addIssue({ code: "custom", path: ["duration"], message: "The event must last at least 15 minutes." });
      }
      if (isValidBaliDate(values.startDate) && START_TIME_OPTIONS.includes(values.startTime)) {
        const startsAt = fromBaliDateTime(values.startDate, values.startTime);
        const unchanged = options.keepStartsAt != null && options.keepStartsAt.getTime() === startsAt.getTime();
        if (!unchanged && startsAt.getTime() <= (options.now ?? new Date()).getTime()) {
          ctx.addIssue({ code: "custom", path: ["startDate"], message: "The start must be in the future." });
        }
        // Measured from the later of `now` and the clock (the admin form passes a `now` far in the past to allow past starts).
        const latest = new Date(Math.max((options.now ?? new Date()).getTime(), Date.now()));
        latest.setUTCFullYear(latest.getUTCFullYear() + EVENT_LIMITS.startYearsAheadMax);
        if (!unchanged && startsAt.getTime() > latest.getTime()) {
          ctx.addIssue({ code: "custom", path: ["startDate"], message: `The start can be at most ${EVENT_LIMITS.startYearsAheadMax} years from now.` });
        }
      }
    })
    .transform((values) => {
      const durationMinutes = durationInMinutes(values) ?? 0;
      const startsAt = fromBaliDateTime(values.startDate, values.startTime);
      return {
        title: values.title,
        description: values.description,
        startsAt,
        endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000),
        durationMinutes,
        locationSlug: values.location,
        venueName: values.venueName,
        venueAddress: values.venueAddress || null,
        eventTypeSlug: values.eventType,
        entranceTypeSlug: values.entranceType,
        entranceFeeIdr: parseRupiah(values.entranceFee) ?? 0,
        participantGroupSlug: values.participantGroup,
        ledBy: values.ledBy || null,
        contactEmail: values.contactEmail,
        contactPhone: values.contactPhone || null,
        bookingUrl: values.bookingUrl || null,
        languages: parseSpokenLanguages(values.languages) ?? [...DEFAULT_SPOKEN_LANGUAGES],
      };
    });
}

/** The one event form schema (new events, checked against the current time). */
export const ZEventForm = eventFormSchema();

export type TEventFormData = z.output<typeof ZEventForm>;

/** The first message per field, keyed like the form. */
export function eventFormErrors(error: z.ZodError): TEventFormErrors {
  const errors: TEventFormErrors = {};
  for (const issue of error.issues) {
    // The schema's issues are on a field (or "duration"); one on the whole form (an empty path) has no field to show under.
    const key = String(issue.path[0] ?? "");
    if (key && !(key in errors)) errors[key as TEventFormErrorKey] = issue.message;
  }
  return errors;
}

/** Reads the form's fields from a submission (anything missing becomes ""). */
export function readEventFormValues(formData: FormData): TEventFormValues {
  const values = { ...EMPTY_EVENT_FORM };
  for (const field of EVENT_FORM_FIELDS) {
    const value = formData.get(field);
    values[field] = typeof value === "string" ? value : "";
  }
  // The ticked weekdays: one checkbox each (at most the seven codes, each short; repeat-form.ts keeps known ones).
  values.days = formData
    .getAll("days")
    .filter((day): day is string => typeof day === "string" && day.length <= 2)
    .slice(0, 7)
    .join(",");
  // "Languages spoken": one checkbox each; a bounded number of short values, which the schema checks against the list.
  values.languages = formData
    .getAll("languages")
    .filter((code): code is string => typeof code === "string" && code.length <= 8)
    .slice(0, SPOKEN_LANGUAGE_CODES.length * 2)
    .join(",");
  return values;
}

/** The cover image field's name in the form. */
const COVER_IMAGE_INPUT = "coverImage";

/**
 * The file chosen in the cover image input, or null. Browsers send an empty
 * file part when none is chosen (a 0-byte File named "" or "blob" depending on
 * the parser): no upload.
 */
export function readCoverImageFile(formData: FormData): File | null {
  const file = formData.get(COVER_IMAGE_INPUT);
  return file instanceof File && file.size > 0 ? file : null;
}

/** The stored event as form values (Bali time), for the edit form. */
export function eventToFormValues(event: {
  title: string;
  description: string;
  startsAt: Date;
  durationMinutes: number;
  location: { slug: string };
  venueName: string;
  venueAddress: string | null;
  eventType: { slug: string };
  entranceType: { slug: string };
  entranceFeeIdr: number;
  participantGroup: { slug: string };
  ledBy: string | null;
  contactEmail: string;
  contactPhone: string | null;
  bookingUrl: string | null;
  languages: string[];
}): TEventFormValues {
  return {
    title: event.title,
    description: event.description,
    startDate: toBaliDate(event.startsAt),
    startTime: toBaliTime(event.startsAt),
    durationDays: String(Math.floor(event.durationMinutes / 1440)),
    durationHours: String(Math.floor((event.durationMinutes % 1440) / 60)),
    durationMinutes: String(event.durationMinutes % 60),
    location: event.location.slug,
    venueName: event.venueName,
    venueAddress: event.venueAddress ?? "",
    eventType: event.eventType.slug,
    entranceType: event.entranceType.slug,
    entranceFee: String(event.entranceFeeIdr),
    participantGroup: event.participantGroup.slug,
    ledBy: event.ledBy ?? "",
    contactEmail: event.contactEmail,
    contactPhone: event.contactPhone ?? "",
    bookingUrl: event.bookingUrl ?? "",
    languages: (orderedSpokenLanguages(event.languages).length > 0 ? orderedSpokenLanguages(event.languages) : DEFAULT_SPOKEN_LANGUAGES).join(","),
    ...EMPTY_REPEAT_FORM,
  };
}
