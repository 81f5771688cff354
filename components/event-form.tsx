"use client";

import { useActionState, useEffect, useRef } from "react";
import type { TEventFormState } from "@/lib/events/actions/save-event";
import {
  DURATION_HOUR_OPTIONS,
  DURATION_MINUTE_OPTIONS,
  EVENT_LIMITS,
  START_TIME_OPTIONS,
  type TEventFormErrorKey,
  type TEventFormField,
  type TEventFormValues,
} from "@/lib/events/event-form-schema";

type TOption = { name: string; slug: string };

export type TEventFormReference = {
  locations: TOption[];
  eventTypes: TOption[];
  entranceTypes: TOption[];
  participantGroups: TOption[];
};

type TProps = {
  action: (state: TEventFormState, formData: FormData) => Promise<TEventFormState>;
  initialValues: TEventFormValues;
  reference: TEventFormReference;
  /** "draft": Save draft + Publish. "live": the event is (or was) public: Save changes. */
  mode: "draft" | "live";
  /** Today in Bali (YYYY-MM-DD): the earliest date the date picker offers. */
  minDate: string;
  /** Shown next to Publish when the creator's email is not verified yet. */
  publishHint?: string;
};

const FIELD_LABELS: Record<TEventFormErrorKey, string> = {
  title: "Title",
  description: "Description",
  startDate: "Start date",
  startTime: "Start time",
  duration: "Duration",
  durationDays: "Days",
  durationHours: "Hours",
  durationMinutes: "Minutes",
  location: "Location",
  venueName: "Venue name",
  venueAddress: "Venue address",
  eventType: "Event type",
  entranceType: "Entrance type",
  entranceFee: "Entrance fee",
  participantGroup: "Participant group",
  ledBy: "Led by",
  contactEmail: "Contact email",
  contactPhone: "Contact phone",
  bookingUrl: "Booking link",
};

const ERROR_ORDER: TEventFormErrorKey[] = [
  "title", "description", "startDate", "startTime", "duration", "durationDays", "durationHours", "durationMinutes", "location", "venueName", "venueAddress",
  "eventType", "entranceType", "entranceFee", "participantGroup", "ledBy", "contactEmail", "contactPhone", "bookingUrl",
];

const inputClass = (error?: string) => `w-full rounded-md border bg-white px-3 py-2 ${error ? "border-red-600" : "border-stone-300"}`;

const fieldId = (field: TEventFormErrorKey) => (field === "duration" ? "event-duration" : `event-${field}`);

function describedBy(...ids: (string | false | undefined | null)[]): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

function Label({ field, children }: { field: TEventFormField; children: React.ReactNode }) {
  return <label htmlFor={fieldId(field)} className="mb-1 block font-medium">{children}</label>;
}

function ErrorText({ field, error }: { field: TEventFormErrorKey; error?: string }) {
  return error ? <p id={`${fieldId(field)}-error`} className="mt-1 text-sm text-red-800">{error}</p> : null;
}

function Hint({ field, children }: { field: TEventFormField; children: React.ReactNode }) {
  return <p id={`${fieldId(field)}-hint`} className="mt-1 text-sm text-stone-600">{children}</p>;
}

/**
 * The event form for new and existing events. It posts to a server action
 * (works without JavaScript); on a refusal the action sends back every value
 * and a message per field, and the form is rebuilt from them (the `key`
 * below), so nothing typed is lost — selects included.
 */
export function EventForm({ action, initialValues, reference, mode, minDate, publishHint }: TProps) {
  const [state, formAction, pending] = useActionState<TEventFormState, FormData>(action, { attempt: 0 });
  const values = state.values ?? initialValues;
  const errors = state.fields ?? {};
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (state.attempt > 0) summaryRef.current?.focus();
  }, [state.attempt]);

  const errorOf = (field: TEventFormErrorKey) => errors[field];
  const errorId = (field: TEventFormErrorKey) => (errors[field] ? `${fieldId(field)}-error` : undefined);
  const listedErrors = ERROR_ORDER.filter((field) => errors[field]);

  const text = (field: TEventFormField, label: string, options: { type?: string; maxLength?: number; autoComplete?: string; required?: boolean; hint?: string; inputMode?: "numeric" | "email" | "tel" | "url" } = {}) => (
    <div>
      <Label field={field}>{label}</Label>
      <input
        id={fieldId(field)}
        name={field}
        type={options.type ?? "text"}
        defaultValue={values[field]}
        maxLength={options.maxLength}
        autoComplete={options.autoComplete}
        required={options.required}
        inputMode={options.inputMode}
        aria-invalid={errorOf(field) ? true : undefined}
        aria-describedby={describedBy(errorId(field), options.hint && `${fieldId(field)}-hint`)}
        className={inputClass(errorOf(field))}
      />
      {options.hint && <Hint field={field}>{options.hint}</Hint>}
      <ErrorText field={field} error={errorOf(field)} />
    </div>
  );

  const select = (field: TEventFormField, label: string, items: TOption[], placeholder?: string) => (
    <div>
      <Label field={field}>{label}</Label>
      <select
        id={fieldId(field)}
        name={field}
        defaultValue={values[field]}
        required
        aria-invalid={errorOf(field) ? true : undefined}
        aria-describedby={errorId(field)}
        className={inputClass(errorOf(field))}
      >
        {placeholder && <option value="">{placeholder}</option>}
        {items.map((item) => (
          <option key={item.slug} value={item.slug}>{item.name}</option>
        ))}
      </select>
      <ErrorText field={field} error={errorOf(field)} />
    </div>
  );

  const durationError = errorOf("duration");
  const durationPart = (field: "durationHours" | "durationMinutes", label: string, options: readonly string[]) => (
    <div>
      <Label field={field}>{label}</Label>
      <select
        id={fieldId(field)}
        name={field}
        defaultValue={values[field]}
        aria-invalid={errorOf(field) || durationError ? true : undefined}
        aria-describedby={describedBy(errorId(field), durationError && "event-duration-error")}
        className={inputClass(errorOf(field) || durationError)}
      >
        {options.map((option) => (
          <option key={option} value={option}>{option}</option>
        ))}
      </select>
      <ErrorText field={field} error={errorOf(field)} />
    </div>
  );

  return (
    <form key={state.attempt} action={formAction} className="grid gap-5" noValidate>
      {state.message && (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="rounded-md bg-red-50 p-4 text-red-900 outline-none">
          <p className="font-semibold">{state.message}</p>
          {listedErrors.length > 0 && (
            <ul className="mt-2 list-disc pl-5 text-sm">
              {listedErrors.map((field) => (
                <li key={field}><a href={`#${field === "duration" ? "event-durationDays" : fieldId(field)}`} className="underline">{FIELD_LABELS[field]}: {errors[field]}</a></li>
              ))}
            </ul>
          )}
        </div>
      )}

      {text("title", "Title", { maxLength: EVENT_LIMITS.titleMax, required: true })}

      <div>
        <Label field="description">Description</Label>
        <textarea
          id="event-description"
          name="description"
          rows={8}
          maxLength={EVENT_LIMITS.descriptionMax}
          defaultValue={values.description}
          aria-invalid={errorOf("description") ? true : undefined}
          aria-describedby={describedBy(errorId("description"), "event-description-hint")}
          className={inputClass(errorOf("description"))}
        />
        <Hint field="description">Plain text, up to 5,000 characters. Line breaks are kept and links become clickable.</Hint>
        <ErrorText field="description" error={errorOf("description")} />
      </div>

      <div className="grid gap-5 sm:grid-cols-2">
        <div>
          <Label field="startDate">Start date</Label>
          <input
            id="event-startDate"
            name="startDate"
            type="date"
            min={minDate}
            defaultValue={values.startDate}
            required
            aria-invalid={errorOf("startDate") ? true : undefined}
            aria-describedby={describedBy(errorId("startDate"), "event-startDate-hint")}
            className={inputClass(errorOf("startDate"))}
          />
          <Hint field="startDate">Bali time (WITA).</Hint>
          <ErrorText field="startDate" error={errorOf("startDate")} />
        </div>
        <div>
          <Label field="startTime">Start time</Label>
          <select
            id="event-startTime"
            name="startTime"
            defaultValue={values.startTime}
            required
            aria-invalid={errorOf("startTime") ? true : undefined}
            aria-describedby={describedBy(errorId("startTime"), "event-startTime-hint")}
            className={inputClass(errorOf("startTime"))}
          >
            <option value="">Choose a time</option>
            {START_TIME_OPTIONS.map((time) => (
              <option key={time} value={time}>{time}</option>
            ))}
          </select>
          <Hint field="startTime">Bali time (WITA), in 15-minute steps.</Hint>
          <ErrorText field="startTime" error={errorOf("startTime")} />
        </div>
      </div>

      <fieldset className="rounded-md border border-stone-300 p-4" aria-describedby={describedBy(durationError && "event-duration-error", "event-duration-hint")}>
        <legend className="px-1 font-medium">Duration</legend>
        <p id="event-duration-hint" className="mb-3 text-sm text-stone-600">At least 15 minutes. The end time is worked out from the start and the duration.</p>
        <div className="grid gap-4 sm:grid-cols-3">
          <div>
            <Label field="durationDays">Days</Label>
            <input
              id="event-durationDays"
              name="durationDays"
              type="number"
              min={0}
              max={EVENT_LIMITS.durationDaysMax}
              step={1}
              inputMode="numeric"
              defaultValue={values.durationDays}
              aria-invalid={errorOf("durationDays") || durationError ? true : undefined}
              aria-describedby={describedBy(errorId("durationDays"), durationError && "event-duration-error")}
              className={inputClass(errorOf("durationDays") || durationError)}
            />
            <ErrorText field="durationDays" error={errorOf("durationDays")} />
          </div>
          {durationPart("durationHours", "Hours", DURATION_HOUR_OPTIONS)}
          {durationPart("durationMinutes", "Minutes", DURATION_MINUTE_OPTIONS)}
        </div>
        <ErrorText field="duration" error={durationError} />
      </fieldset>

      {select("location", "Location", reference.locations, "Choose a location")}
      {text("venueName", "Venue name", { maxLength: EVENT_LIMITS.venueNameMax, required: true })}
      {text("venueAddress", "Venue address (optional)", { maxLength: EVENT_LIMITS.venueAddressMax, autoComplete: "street-address" })}

      <div className="grid gap-5 sm:grid-cols-2">
        {select("eventType", "Event type", reference.eventTypes, "Choose an event type")}
        {select("participantGroup", "Participant group", reference.participantGroups)}
      </div>

      <div className="grid gap-5 sm:grid-cols-2">
        {select("entranceType", "Entrance type", reference.entranceTypes, "Choose an entrance type")}
        {text("entranceFee", "Entrance fee (Rp)", { inputMode: "numeric", maxLength: 20, hint: "Whole rupiah, e.g. 150.000. Use 0 for free events." })}
      </div>

      {text("ledBy", "Led by (optional)", { maxLength: EVENT_LIMITS.ledByMax, hint: "The host, teacher or band." })}

      <div className="grid gap-5 sm:grid-cols-2">
        {text("contactEmail", "Contact email", { type: "email", maxLength: EVENT_LIMITS.contactEmailMax, autoComplete: "email", required: true })}
        {text("contactPhone", "Contact phone (WhatsApp, optional)", { type: "tel", maxLength: 20, autoComplete: "tel", hint: "With the country code, e.g. +62 812 3456 7890." })}
      </div>

      {text("bookingUrl", "Booking link (optional)", { type: "url", maxLength: EVENT_LIMITS.bookingUrlMax, inputMode: "url", hint: "A link that starts with http:// or https://" })}

      <div className="flex flex-wrap items-center gap-3">
        {mode === "draft" ? (
          <>
            <button type="submit" name="intent" value="draft" disabled={pending} className="rounded-md border border-stone-400 bg-white px-5 py-2 font-semibold hover:bg-stone-100 disabled:opacity-60">
              Save draft
            </button>
            <button type="submit" name="intent" value="publish" disabled={pending} aria-describedby={publishHint ? "event-publish-hint" : undefined} className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
              Publish
            </button>
            {publishHint && <p id="event-publish-hint" className="text-sm text-amber-900">{publishHint}</p>}
          </>
        ) : (
          <button type="submit" name="intent" value="save" disabled={pending} className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
            Save changes
          </button>
        )}
        {pending && <span role="status" className="text-sm text-stone-600">Saving…</span>}
      </div>
    </form>
  );
}
