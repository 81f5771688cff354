import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import {
  EVENT_FORM_FIELDS,
  eventFormErrors,
  eventFormSchema,
  type TEventFormData,
  type TEventFormField,
  type TEventFormValues,
} from "@/lib/events/event-form-schema";
import { REPEAT_FIELDS } from "@/lib/series/repeat-form";
import { matchReferenceValue } from "./match-reference-value";

/**
 * The JSON body of POST /api/v1/events → the creator form's parsed data.
 * Same field names and the same schema as the form (lib/events/event-form-schema.ts);
 * the API only adds: numbers are accepted where the form takes digits,
 * `type` / `entrance` as aliases of `eventType` / `entranceType`, and
 * reference values by slug OR name (letters and digits only, any case),
 * ACTIVE items only. Unknown fields are ignored, except image fields,
 * which are refused (the API is text only).
 */

export const API_EVENT_INVALID_MESSAGE = "Some fields are not valid. See error.fields.";

const ALIASES: Partial<Record<TEventFormField, string>> = { eventType: "type", entranceType: "entrance" };
const IMAGE_FIELDS = ["imageUrl", "image", "image_url", "imageURL"];

type TReferenceField = "location" | "eventType" | "entranceType" | "participantGroup";
const REFERENCE_LABEL: Record<TReferenceField, string> = {
  location: "location",
  eventType: "event type",
  entranceType: "entrance type",
  participantGroup: "participant group",
};

/** Defaults for fields a client may leave out (the form preselects the same). */
const DEFAULTS: Partial<TEventFormValues> = { participantGroup: "open", languages: "en" };

function readValues(body: Record<string, unknown>): { values: TEventFormValues; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const values = {} as TEventFormValues;
  // The form's Repeats fields are the API's `repeat` object (parse-api-repeat.ts).
  for (const field of EVENT_FORM_FIELDS.filter((name) => !(REPEAT_FIELDS as readonly string[]).includes(name))) {
    const alias = ALIASES[field];
    let raw = body[field];
    if ((raw === undefined || raw === null) && alias) raw = body[alias];
    if (raw === undefined || raw === null) values[field] = DEFAULTS[field] ?? "";
    else if (typeof raw === "string") values[field] = raw;
    else if (typeof raw === "number" && Number.isFinite(raw)) values[field] = String(raw);
    // "languages": ["en", "ru"] (or "en,ru").
    else if (field === "languages" && Array.isArray(raw) && raw.length <= 50 && raw.every((code) => typeof code === "string")) values[field] = raw.join(",");
    else {
      values[field] = "";
      fields[field] = "Send this field as a string (or a number).";
    }
  }
  for (const name of IMAGE_FIELDS) {
    if (body[name] !== undefined) fields[name] = "Images are not supported by the API: it posts text only. Add a picture later from the dashboard.";
  }
  return { values, fields };
}

async function activeItems() {
  const select = { name: true, slug: true } as const;
  const where = { isActive: true };
  const [location, eventType, entranceType, participantGroup] = await Promise.all([
    db.location.findMany({ where, select }),
    db.eventType.findMany({ where, select }),
    db.entranceType.findMany({ where, select }),
    db.participantGroup.findMany({ where, select }),
  ]);
  return { location, eventType, entranceType, participantGroup } satisfies Record<TReferenceField, { name: string; slug: string }[]>;
}

/** INVALID_INPUT (422) with a message per field, or the parsed form data (reference values as slugs). */
export async function parseApiEvent(body: Record<string, unknown>, { now = new Date() }: { now?: Date } = {}): Promise<TEventFormData> {
  const { values, fields } = readValues(body);

  const items = await activeItems();
  const referenceErrors: Record<string, string> = {};
  for (const field of Object.keys(REFERENCE_LABEL) as TReferenceField[]) {
    const given = values[field].trim();
    if (given === "") continue; // the schema says what is missing
    const match = matchReferenceValue(given, items[field]);
    if (match) values[field] = match.slug;
    else {
      referenceErrors[field] = `Unknown ${REFERENCE_LABEL[field]}: ${given.length > 100 ? `${given.slice(0, 100)}…` : given}`;
      values[field] = "";
    }
  }

  const parsed = eventFormSchema({ now }).safeParse(values);
  const schemaErrors = parsed.success ? {} : (eventFormErrors(parsed.error) as Record<string, string>);
  const all = { ...schemaErrors, ...referenceErrors, ...fields };
  if (!parsed.success || Object.keys(all).length > 0) throw new AppError("INVALID_INPUT", API_EVENT_INVALID_MESSAGE, { fields: all });
  return parsed.data;
}
