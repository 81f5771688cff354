import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseRepeatForm } from "@/lib/series/repeat-form";
import { validateRepeatRule, type TRepeatRule } from "@/lib/series/repeat-rule";
import { toBaliDate, toBaliTime } from "@/lib/time/bali";
import { eventFormErrors, eventFormSchema, type TEventFormData, type TEventFormOptions, type TEventFormValues } from "./event-form-schema";

/** The reference items an event uses now: still allowed when editing, even if an admin has since deactivated them. */
export type TCurrentReferenceIds = { locationId: number; eventTypeId: number; entranceTypeId: number; participantGroupId: number };

/** The event columns a form writes (everything but status, ownership and the slug). */
export type TEventFormColumns = {
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
  locationId: number;
  venueName: string;
  venueAddress: string | null;
  eventTypeId: number;
  entranceTypeId: number;
  entranceFeeIdr: number;
  participantGroupId: number;
  ledBy: string | null;
  contactEmail: string;
  contactPhone: string | null;
  bookingUrl: string | null;
  /** "Languages spoken": codes of lib/events/spoken-languages.ts, at least one. */
  languages: string[];
};

export const INVALID_FORM_MESSAGE = "Please correct the highlighted fields.";

/** Validates what the creator typed; AppError INVALID_INPUT with a message per field otherwise. */
export function parseEventForm(values: Partial<TEventFormValues>, options: TEventFormOptions = {}): TEventFormData {
  const parsed = eventFormSchema(options).safeParse(values);
  if (!parsed.success) throw new AppError("INVALID_INPUT", INVALID_FORM_MESSAGE, { fields: eventFormErrors(parsed.error) });
  return parsed.data;
}

/**
 * The form with its Repeats fields: the event's data and the rule (null: "Does not repeat"). Every field's message
 * at once, the event's and the repeat's.
 */
export function parseEventFormWithRepeat(
  values: Partial<TEventFormValues>,
  options: TEventFormOptions = {},
): { data: TEventFormData; rule: TRepeatRule | null } {
  const repeat = parseRepeatForm(values, values.startDate ?? "");
  let data: TEventFormData | null = null;
  let fields: Record<string, string> = {};
  try {
    data = parseEventForm(values, options);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "INVALID_INPUT") throw error;
    fields = { ...error.fields };
  }
  if (!data || Object.keys(repeat.fields).length > 0) throw new AppError("INVALID_INPUT", INVALID_FORM_MESSAGE, { fields: { ...fields, ...repeat.fields } });
  if (repeat.rule) {
    try {
      validateRepeatRule(repeat.rule, { date: toBaliDate(data.startsAt), time: toBaliTime(data.startsAt) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw new AppError("INVALID_INPUT", INVALID_FORM_MESSAGE, { fields: error.fields });
    }
  }
  return { data, rule: repeat.rule };
}

/** Active items, plus the one the event already uses (when editing). */
function usable(slug: string, currentId: number | undefined) {
  return { slug, OR: currentId === undefined ? [{ isActive: true }] : [{ isActive: true }, { id: currentId }] };
}

/**
 * Parsed form data → the event's columns: reference ids looked up by slug
 * (active items only, plus the ones the event already uses).
 */
export async function toEventColumns(data: TEventFormData, current?: TCurrentReferenceIds): Promise<TEventFormColumns> {
  const select = { id: true } as const;
  const [location, eventType, entranceType, participantGroup] = await Promise.all([
    db.location.findFirst({ where: usable(data.locationSlug, current?.locationId), select }),
    db.eventType.findFirst({ where: usable(data.eventTypeSlug, current?.eventTypeId), select }),
    db.entranceType.findFirst({ where: usable(data.entranceTypeSlug, current?.entranceTypeId), select }),
    db.participantGroup.findFirst({ where: usable(data.participantGroupSlug, current?.participantGroupId), select }),
  ]);
  const [locationId, eventTypeId, entranceTypeId, participantGroupId] = [
    location?.id ?? null,
    eventType?.id ?? null,
    entranceType?.id ?? null,
    participantGroup?.id ?? null,
  ];
  const fields: Record<string, string> = {};
  if (locationId === null) fields.location = "Choose a location from the list.";
  if (eventTypeId === null) fields.eventType = "Choose an event type from the list.";
  if (entranceTypeId === null) fields.entranceType = "Choose an entrance type from the list.";
  if (participantGroupId === null) fields.participantGroup = "Choose a participant group from the list.";
  if (locationId === null || eventTypeId === null || entranceTypeId === null || participantGroupId === null) {
    throw new AppError("INVALID_INPUT", INVALID_FORM_MESSAGE, { fields });
  }
  return {
    title: data.title,
    description: data.description,
    startsAt: data.startsAt,
    endsAt: data.endsAt,
    durationMinutes: data.durationMinutes,
    locationId,
    venueName: data.venueName,
    venueAddress: data.venueAddress,
    eventTypeId,
    entranceTypeId,
    entranceFeeIdr: data.entranceFeeIdr,
    participantGroupId,
    ledBy: data.ledBy,
    contactEmail: data.contactEmail,
    contactPhone: data.contactPhone,
    bookingUrl: data.bookingUrl,
    languages: data.languages,
  };
}
