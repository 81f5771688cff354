"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { COVER_IMAGE_ACCEPT, COVER_IMAGE_MAX_BYTES } from "@/lib/images/cover-image-rules";
import {
  DURATION_HOUR_OPTIONS,
  DURATION_MINUTE_OPTIONS,
  EVENT_LIMITS,
  START_TIME_OPTIONS,
  type TEventFormErrorKey,
  type TEventFormErrors,
  type TEventFormField,
  type TEventFormState,
  type TEventFormValues,
} from "@/lib/events/event-form-schema";
import type { TEventFormText } from "@/lib/events/event-form-text";
import { daysOfForm, REPEAT_OPTIONS, repeatSummary, type TRepeatField, type TRepeatFormValues } from "@/lib/series/repeat-form";
import { monthDayWords, monthWeekdayWords, SERIES_LIMITS, WEEKDAY_CODES, weekdayOf, type TWeekday } from "@/lib/series/repeat-words";
import { isValidBaliDate } from "@/lib/time/bali";

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
  /**
   * "draft": Save draft + Publish. "live": the event is (or was) public: Save changes. "series-date": a public date
   * of a series: Save this date only + Save this and following dates.
   */
  mode: "draft" | "live" | "series-date";
  /** Show the Repeats fields (a new event, a draft, or a date of a series). */
  withRepeat?: boolean;
  /** Today in Bali (YYYY-MM-DD): the earliest date the date picker offers. */
  minDate: string;
  /** Shown next to Publish when the creator's email is not verified yet. */
  publishHint?: string;
  /** The publish button's text (e.g. "Pay USD 3 & publish" when payments are on). Default "Publish". */
  publishLabel?: string;
  /** The event's cover image when editing. */
  currentImage?: { url: string; width: number; height: number } | null;
  /** Admins only: the owner's email, shown as a "Creator email" field that reassigns the event. */
  creatorEmail?: string;
  /** Every word of the form in the page's language (eventFormText, lib/events/event-form-text.ts). */
  text: TEventFormText;
};

/** The form's word for each field, as the list of refusals names it. */
const FIELD_WORDS: Record<TEventFormErrorKey, keyof TEventFormText> = {
  title: "title",
  description: "description",
  startDate: "startDate",
  startTime: "startTime",
  duration: "duration",
  durationDays: "durationDays",
  durationHours: "durationHours",
  durationMinutes: "durationMinutes",
  location: "location",
  venueName: "venueName",
  venueAddress: "venueAddressField",
  eventType: "eventType",
  entranceType: "entranceType",
  entranceFee: "entranceFeeField",
  participantGroup: "participantGroup",
  ledBy: "ledByField",
  languages: "languages",
  contactEmail: "contactEmail",
  contactPhone: "contactPhoneField",
  bookingUrl: "bookingUrlField",
  repeat: "repeat",
  days: "days",
  monthly: "eachMonth",
  ends: "ends",
  until: "endDate",
  count: "numberOfDates",
};

const REPEAT_WORDS: Record<(typeof REPEAT_OPTIONS)[number]["value"], keyof TEventFormText> = {
  "": "repeatNone",
  weekly: "repeatWeekly",
  biweekly: "repeatBiweekly",
  monthly: "repeatMonthly",
};

const ERROR_ORDER: TEventFormErrorKey[] = [
  "title",
  "description",
  "startDate",
  "startTime",
  "repeat",
  "days",
  "monthly",
  "ends",
  "until",
  "count",
  "duration",
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
  "languages",
  "contactEmail",
  "contactPhone",
  "bookingUrl",
];

/** The file input's name and id (not one of the text fields: a file cannot be sent back into the form). */
const COVER_IMAGE_NAME = "coverImage";
const COVER_IMAGE_ID = "event-coverImage";

const inputClass = (error?: string) => `w-full rounded-md border bg-white px-3 py-2 ${error ? "border-red-600" : "border-stone-300"}`;
const fileInputClass = "block w-full rounded-md border bg-white px-3 py-2 text-sm file:mr-3 file:rounded file:border-0 file:bg-stone-100 file:px-3 file:py-1";

const fieldId = (field: TEventFormErrorKey) => (field === "duration" ? "event-duration" : `event-${field}`);

function describedBy(...ids: (string | false | undefined | null)[]): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

function Label({ field, children }: { field: TEventFormField; children: React.ReactNode }) {
  return (
    <label htmlFor={fieldId(field)} className="mb-1 block font-medium">
      {children}
    </label>
  );
}

function ErrorText({ field, error }: { field: TEventFormErrorKey; error?: string }) {
  return error ? (
    <p id={`${fieldId(field)}-error`} className="mt-1 text-sm text-red-800">
      {error}
    </p>
  ) : null;
}

function Hint({ field, children }: { field: TEventFormField; children: React.ReactNode }) {
  return (
    <p id={`${fieldId(field)}-hint`} className="mt-1 text-sm text-stone-600">
      {children}
    </p>
  );
}

/**
 * The cover image input with a preview of the chosen file, shown at once
 * (a local object URL: nothing is uploaded before the form is saved), or
 * the current image when editing. A file over 5 MB is refused here already
 * (and dropped from the input, so the form still saves); the server checks
 * every file again, by content.
 *
 * `keptFile`: the file chosen before a refused save. The form is rebuilt
 * after a refusal, which empties file inputs; it is put back (DataTransfer)
 * so a creator fixing another field need not choose it again.
 */
function CoverImageField({
  serverError,
  currentImage,
  keptFile,
  onFileChange,
  text,
}: {
  text: TEventFormText;
  serverError?: string;
  currentImage?: { url: string; width: number; height: number } | null;
  keptFile: File | null;
  onFileChange: (file: File | null) => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(keptFile);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const [previewFailed, setPreviewFailed] = useState(false);
  const [clientError, setClientError] = useState<string | null>(null);
  const error = clientError ?? serverError;

  useEffect(() => {
    const input = inputRef.current;
    if (!input || !keptFile) return;
    try {
      const transfer = new DataTransfer();
      transfer.items.add(keptFile);
      input.files = transfer.files;
    } catch {
      // An old browser: the file has to be chosen again.
      // eslint-disable-next-line react-hooks/set-state-in-effect -- only known once the DOM refuses the file, and at most once
      setFile(null);
      onFileChange(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the field first appears (the form is rebuilt after every answer)
  }, []);

  useEffect(() => {
    const form = inputRef.current?.form;
    if (!form) return;
    const cleared = () => {
      setFile(null);
      setClientError(null);
      onFileChange(null);
    };
    form.addEventListener("reset", cleared);
    return () => form.removeEventListener("reset", cleared);
  }, [onFileChange]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the preview is an object URL, created and revoked with the file
    setPreviewFailed(false);
    if (!file) {
      setPreviewUrl(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreviewUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  function onChange(event: React.ChangeEvent<HTMLInputElement>) {
    const chosen = event.currentTarget.files?.[0] ?? null;
    if (chosen && chosen.size > COVER_IMAGE_MAX_BYTES) {
      event.currentTarget.value = "";
      setClientError(text.imageTooLarge);
      setFile(null);
      onFileChange(null);
      return;
    }
    setClientError(null);
    setFile(chosen);
    onFileChange(chosen);
  }

  const hintId = `${COVER_IMAGE_ID}-hint`;
  const errorId = `${COVER_IMAGE_ID}-error`;
  return (
    <div>
      <label htmlFor={COVER_IMAGE_ID} className="mb-1 block font-medium">
        {text.coverImage}
      </label>
      <input
        ref={inputRef}
        id={COVER_IMAGE_ID}
        name={COVER_IMAGE_NAME}
        type="file"
        accept={COVER_IMAGE_ACCEPT}
        onChange={onChange}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error && errorId, hintId)}
        className={`${fileInputClass} ${error ? "border-red-600" : "border-stone-300"}`}
      />
      <p id={hintId} className="mt-1 text-sm text-stone-600">
        {text.coverImageHint}
        {currentImage ? ` ${text.coverImageReplace}` : ""}
      </p>
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-800">
          {error}
        </p>
      )}
      {file && previewUrl && !previewFailed ? (
        <figure className="mt-3">
          {/* eslint-disable-next-line @next/next/no-img-element -- a local object URL */}
          <img
            src={previewUrl}
            alt={text.previewAlt}
            onError={() => setPreviewFailed(true)}
            className="max-h-64 w-auto rounded-md border border-stone-200 object-contain"
          />
          <figcaption className="mt-1 text-sm text-stone-600">{text.previewCaption}</figcaption>
        </figure>
      ) : file && previewFailed ? (
        <p className="mt-3 text-sm text-stone-600">{text.previewFailed}</p>
      ) : currentImage ? (
        <figure className="mt-3">
          {/* eslint-disable-next-line @next/next/no-img-element -- a stored WebP rendition with its own width and height */}
          <img
            src={currentImage.url}
            alt={text.currentImageAlt}
            width={currentImage.width}
            height={currentImage.height}
            className="h-auto max-h-64 w-auto rounded-md border border-stone-200 object-contain"
          />
          <figcaption className="mt-1 text-sm text-stone-600">{text.currentImageCaption}</figcaption>
        </figure>
      ) : null}
    </div>
  );
}

/**
 * "Languages spoken": one checkbox per language of the list (lib/events/spoken-languages.ts), named in the page's
 * language; what was ticked comes back after a refused save.
 */
function LanguagesField({ values, error, text }: { values: TEventFormValues; error?: string; text: TEventFormText }) {
  const ticked = new Set(values.languages.split(","));
  return (
    <fieldset
      id="event-languages"
      className="rounded-md border border-stone-300 p-4"
      aria-describedby={describedBy(error && "event-languages-error", "event-languages-hint")}
    >
      <legend className="px-1 font-medium">{text.languages}</legend>
      <p id="event-languages-hint" className="mb-3 text-sm text-stone-600">
        {text.languagesHint}
      </p>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {text.spokenLanguages.map((language) => (
          <label key={language.code} className="flex items-center gap-1.5">
            <input
              type="checkbox"
              name="languages"
              value={language.code}
              defaultChecked={ticked.has(language.code)}
              aria-invalid={error ? true : undefined}
              className="h-4 w-4"
            />
            {language.name}
          </label>
        ))}
      </div>
      <ErrorText field="languages" error={error} />
    </fieldset>
  );
}

/**
 * Start date and time, and (for a new event, a draft or a date of a series) how it repeats: Repeats, On (the
 * weekdays; the start date's is ticked until the creator ticks their own), Each month, Ends, and the rule read
 * back in words under the fields. Inside the form that remounts after a refused save, so it starts again from
 * what was sent.
 */
function StartFields({
  values,
  errors,
  minDate,
  withRepeat,
  text,
}: {
  values: TEventFormValues;
  errors: TEventFormErrors;
  minDate: string;
  withRepeat: boolean;
  text: TEventFormText;
}) {
  const [start, setStart] = useState({ date: values.startDate, time: values.startTime });
  const [repeat, setRepeat] = useState<TRepeatFormValues>({
    repeat: values.repeat,
    days: values.days,
    monthly: values.monthly || "date",
    ends: values.ends || "never",
    until: values.until,
    count: values.count,
  });
  // Until the creator ticks a day, the ticked day follows the start date.
  const [daysTouched, setDaysTouched] = useState(values.days !== "");
  const shownDays = daysTouched ? daysOfForm(repeat.days) : isValidBaliDate(start.date) ? [weekdayOf(start.date)] : [];
  const summary = repeatSummary({ ...repeat, days: shownDays.join(",") }, start, text.locale);
  const errorOf = (field: TEventFormErrorKey) => errors[field];
  const errorId = (field: TEventFormErrorKey) => (errors[field] ? `${fieldId(field)}-error` : undefined);
  const set = (field: TRepeatField, value: string) => {
    setRepeat((current) => ({ ...current, [field]: value }));
  };
  const toggleDay = (code: TWeekday, on: boolean) => {
    const days = new Set(shownDays);
    if (on) days.add(code);
    else days.delete(code);
    setDaysTouched(true);
    set("days", WEEKDAY_CODES.filter((day) => days.has(day)).join(","));
  };
  const monthlyWeekday = isValidBaliDate(start.date) ? monthWeekdayWords(start.date, text.locale) : null;
  const monthDay = isValidBaliDate(start.date) ? monthDayWords(start.date, text.locale) : null;

  return (
    <>
      <div className="grid gap-5 sm:grid-cols-2">
        <div>
          <Label field="startDate">{text.startDate}</Label>
          <input
            id="event-startDate"
            name="startDate"
            type="date"
            min={minDate}
            defaultValue={values.startDate}
            onChange={(event) => setStart((current) => ({ ...current, date: event.target.value }))}
            required
            aria-invalid={errorOf("startDate") ? true : undefined}
            aria-describedby={describedBy(errorId("startDate"), "event-startDate-hint")}
            className={inputClass(errorOf("startDate"))}
          />
          <Hint field="startDate">{text.startDateHint}</Hint>
          <ErrorText field="startDate" error={errorOf("startDate")} />
        </div>
        <div>
          <Label field="startTime">{text.startTime}</Label>
          <select
            id="event-startTime"
            name="startTime"
            defaultValue={values.startTime}
            onChange={(event) => setStart((current) => ({ ...current, time: event.target.value }))}
            required
            aria-invalid={errorOf("startTime") ? true : undefined}
            aria-describedby={describedBy(errorId("startTime"), "event-startTime-hint")}
            className={inputClass(errorOf("startTime"))}
          >
            <option value="">{text.chooseTime}</option>
            {START_TIME_OPTIONS.map((time) => (
              <option key={time} value={time}>
                {time}
              </option>
            ))}
          </select>
          <Hint field="startTime">{text.startTimeHint}</Hint>
          <ErrorText field="startTime" error={errorOf("startTime")} />
        </div>
      </div>

      {withRepeat && (
        <div className="grid gap-4 rounded-md border border-stone-300 p-4">
          <div>
            <Label field="repeat">{text.repeat}</Label>
            <select
              id="event-repeat"
              name="repeat"
              value={repeat.repeat}
              onChange={(event) => set("repeat", event.target.value)}
              aria-invalid={errorOf("repeat") ? true : undefined}
              aria-describedby={describedBy(errorId("repeat"), "event-repeat-summary")}
              className={inputClass(errorOf("repeat"))}
            >
              {REPEAT_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {text[REPEAT_WORDS[option.value]] as string}
                </option>
              ))}
            </select>
            <ErrorText field="repeat" error={errorOf("repeat")} />
          </div>

          {(repeat.repeat === "weekly" || repeat.repeat === "biweekly") && (
            <fieldset id="event-days" aria-describedby={errorId("days")}>
              <legend className="mb-1 font-medium">{text.days}</legend>
              <div className="flex flex-wrap gap-3">
                {WEEKDAY_CODES.map((code) => (
                  <label key={code} className="flex items-center gap-1.5">
                    <input
                      type="checkbox"
                      name="days"
                      value={code}
                      checked={shownDays.includes(code)}
                      onChange={(event) => toggleDay(code, event.target.checked)}
                      className="h-4 w-4"
                    />
                    {text.dayNames[code]}
                  </label>
                ))}
              </div>
              <ErrorText field="days" error={errorOf("days")} />
            </fieldset>
          )}

          {repeat.repeat === "monthly" && (
            <fieldset id="event-monthly">
              <legend className="mb-1 font-medium">{text.eachMonth}</legend>
              <div className="flex flex-wrap gap-4">
                <label className="flex items-center gap-1.5">
                  <input type="radio" name="monthly" value="date" checked={repeat.monthly !== "weekday"} onChange={() => set("monthly", "date")} />
                  {text.sameDate}
                  {monthDay ? ` (${monthDay})` : ""}
                </label>
                <label className="flex items-center gap-1.5">
                  <input type="radio" name="monthly" value="weekday" checked={repeat.monthly === "weekday"} onChange={() => set("monthly", "weekday")} />
                  {text.sameWeekday}
                  {monthlyWeekday ? ` (${monthlyWeekday})` : ""}
                </label>
              </div>
            </fieldset>
          )}

          {repeat.repeat !== "" && (
            <fieldset id="event-ends" aria-describedby={describedBy(errorId("ends"), errorId("until"), errorId("count"))}>
              <legend className="mb-1 font-medium">{text.ends}</legend>
              <div className="grid gap-2">
                <label className="flex items-center gap-1.5">
                  <input type="radio" name="ends" value="never" checked={repeat.ends === "never"} onChange={() => set("ends", "never")} />
                  {text.endsNever}
                  <span className="text-sm text-stone-600">{text.endsNeverHint}</span>
                </label>
                <div className="flex flex-wrap items-center gap-2">
                  <label className="flex items-center gap-1.5">
                    <input type="radio" name="ends" value="on" checked={repeat.ends === "on"} onChange={() => set("ends", "on")} />
                    {text.endsOn}
                  </label>
                  <input
                    id="event-until"
                    name="until"
                    type="date"
                    min={start.date || minDate}
                    value={repeat.until}
                    onChange={(event) => setRepeat((current) => ({ ...current, until: event.target.value, ends: "on" }))}
                    aria-label={text.endDate}
                    aria-invalid={errorOf("until") ? true : undefined}
                    className={`${inputClass(errorOf("until"))} max-w-48`}
                  />
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  <label className="flex items-center gap-1.5">
                    <input type="radio" name="ends" value="after" checked={repeat.ends === "after"} onChange={() => set("ends", "after")} />
                    {text.endsAfter}
                  </label>
                  <input
                    id="event-count"
                    name="count"
                    type="number"
                    min={SERIES_LIMITS.countMin}
                    max={SERIES_LIMITS.countMax}
                    value={repeat.count}
                    onChange={(event) => setRepeat((current) => ({ ...current, count: event.target.value, ends: "after" }))}
                    aria-label={text.numberOfDates}
                    aria-invalid={errorOf("count") ? true : undefined}
                    className={`${inputClass(errorOf("count"))} max-w-24`}
                  />
                  <span>{text.datesWord}</span>
                </div>
              </div>
              <ErrorText field="ends" error={errorOf("ends")} />
              <ErrorText field="until" error={errorOf("until")} />
              <ErrorText field="count" error={errorOf("count")} />
            </fieldset>
          )}

          <p id="event-repeat-summary" aria-live="polite" className="font-medium text-brand-800">
            {repeat.repeat === "" ? text.oneDateOnly : (summary ?? text.chooseStart)}
          </p>
        </div>
      )}
    </>
  );
}

/**
 * The event form for new and existing events. It posts to a server action
 * (works without JavaScript); on a refusal the action sends back every value
 * and a message per field, and the form is rebuilt from them (the `key`
 * below), so nothing typed is lost — selects included.
 */
export function EventForm({
  action,
  initialValues,
  reference,
  mode,
  withRepeat = false,
  minDate,
  publishHint,
  text,
  publishLabel = text.publish,
  currentImage,
  creatorEmail,
}: TProps) {
  const [state, formAction, pending] = useActionState<TEventFormState, FormData>(action, { attempt: 0 });
  const values = state.values ?? initialValues;
  const errors = state.fields ?? {};
  const summaryRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // Marks the form once React has taken it over: a choice made in a select before that is reset by hydration, so
  // end-to-end tests wait for `form[data-hydrated]` before they fill it in.
  useEffect(() => {
    formRef.current?.setAttribute("data-hydrated", "");
  }, [state.attempt]);
  // The chosen cover image, kept across a refused save unless the image itself was refused.
  const [keptFile, setKeptFile] = useState<File | null>(null);
  const imageError = state.fields?.coverImage;

  useEffect(() => {
    if (state.attempt > 0) summaryRef.current?.focus();
    if (imageError) setKeptFile(null);
  }, [state.attempt, imageError]);

  const errorOf = (field: TEventFormErrorKey) => errors[field];
  const errorId = (field: TEventFormErrorKey) => (errors[field] ? `${fieldId(field)}-error` : undefined);
  const listedErrors = ERROR_ORDER.filter((field) => errors[field]);

  const textField = (
    field: TEventFormField,
    label: string,
    options: {
      type?: string;
      maxLength?: number;
      autoComplete?: string;
      required?: boolean;
      hint?: string;
      inputMode?: "numeric" | "email" | "tel" | "url";
    } = {},
  ) => (
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
          <option key={item.slug} value={item.slug}>
            {item.name}
          </option>
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
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <ErrorText field={field} error={errorOf(field)} />
    </div>
  );

  return (
    <form key={state.attempt} ref={formRef} action={formAction} className="grid gap-5" noValidate>
      {state.message && (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="rounded-md bg-red-50 p-4 text-red-900 outline-none">
          <p className="font-semibold">{state.message}</p>
          {(listedErrors.length > 0 || imageError || errors.creatorEmail) && (
            <ul className="mt-2 grid list-disc gap-1 pl-5 text-sm">
              {listedErrors.map((field) => (
                <li key={field}>
                  <a href={`#${field === "duration" ? "event-durationDays" : fieldId(field)}`} className="inline-block py-0.5 underline">
                    {text[FIELD_WORDS[field]] as string}: {errors[field]}
                  </a>
                </li>
              ))}
              {imageError && (
                <li>
                  <a href={`#${COVER_IMAGE_ID}`} className="inline-block py-0.5 underline">
                    {text.coverImage}: {imageError}
                  </a>
                </li>
              )}
              {errors.creatorEmail && (
                <li>
                  <a href="#event-creatorEmail" className="inline-block py-0.5 underline">
                    Creator email: {errors.creatorEmail}
                  </a>
                </li>
              )}
            </ul>
          )}
        </div>
      )}

      {creatorEmail !== undefined && (
        <div>
          <label htmlFor="event-creatorEmail" className="mb-1 block font-medium">
            Creator email
          </label>
          <input
            id="event-creatorEmail"
            name="creatorEmail"
            type="email"
            defaultValue={state.creatorEmail ?? creatorEmail}
            required
            aria-invalid={errors.creatorEmail ? true : undefined}
            aria-describedby={describedBy(errors.creatorEmail && "event-creatorEmail-error", "event-creatorEmail-hint")}
            className={inputClass(errors.creatorEmail)}
          />
          <p id="event-creatorEmail-hint" className="mt-1 text-sm text-stone-600">
            The event belongs to this creator. Enter another creator&apos;s email to reassign it.
          </p>
          {errors.creatorEmail && (
            <p id="event-creatorEmail-error" className="mt-1 text-sm text-red-800">
              {errors.creatorEmail}
            </p>
          )}
        </div>
      )}

      {textField("title", text.title, { maxLength: EVENT_LIMITS.titleMax, required: true })}

      <div>
        <Label field="description">{text.description}</Label>
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
        <Hint field="description">{text.descriptionHint}</Hint>
        <ErrorText field="description" error={errorOf("description")} />
      </div>

      <StartFields values={values} errors={errors} minDate={minDate} withRepeat={withRepeat} text={text} />

      <fieldset
        className="rounded-md border border-stone-300 p-4"
        aria-describedby={describedBy(durationError && "event-duration-error", "event-duration-hint")}
      >
        <legend className="px-1 font-medium">{text.duration}</legend>
        <p id="event-duration-hint" className="mb-3 text-sm text-stone-600">
          {text.durationHint}
        </p>
        <div className="grid gap-4 sm:grid-cols-3">
          <div>
            <Label field="durationDays">{text.durationDays}</Label>
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
          {durationPart("durationHours", text.durationHours, DURATION_HOUR_OPTIONS)}
          {durationPart("durationMinutes", text.durationMinutes, DURATION_MINUTE_OPTIONS)}
        </div>
        <ErrorText field="duration" error={durationError} />
      </fieldset>

      {select("location", text.location, reference.locations, text.chooseLocation)}
      {textField("venueName", text.venueName, { maxLength: EVENT_LIMITS.venueNameMax, required: true })}
      {textField("venueAddress", text.venueAddress, { maxLength: EVENT_LIMITS.venueAddressMax, autoComplete: "street-address" })}

      <div className="grid gap-5 sm:grid-cols-2">
        {select("eventType", text.eventType, reference.eventTypes, text.chooseEventType)}
        {select("participantGroup", text.participantGroup, reference.participantGroups)}
      </div>

      <div className="grid gap-5 sm:grid-cols-2">
        {select("entranceType", text.entranceType, reference.entranceTypes, text.chooseEntranceType)}
        {textField("entranceFee", text.entranceFee, { inputMode: "numeric", maxLength: 20, hint: text.entranceFeeHint })}
      </div>

      {textField("ledBy", text.ledBy, { maxLength: EVENT_LIMITS.ledByMax, hint: text.ledByHint })}

      <LanguagesField values={values} error={errorOf("languages")} text={text} />

      <div className="grid gap-5 sm:grid-cols-2">
        {textField("contactEmail", text.contactEmail, { type: "email", maxLength: EVENT_LIMITS.contactEmailMax, autoComplete: "email", required: true })}
        {textField("contactPhone", text.contactPhone, {
          type: "tel",
          maxLength: 20,
          autoComplete: "tel",
          hint: text.contactPhoneHint,
        })}
      </div>

      {textField("bookingUrl", text.bookingUrl, {
        type: "url",
        maxLength: EVENT_LIMITS.bookingUrlMax,
        inputMode: "url",
        hint: text.bookingUrlHint,
      })}

      <CoverImageField text={text} serverError={imageError} currentImage={currentImage} keptFile={imageError ? null : keptFile} onFileChange={setKeptFile} />

      <div className="flex flex-wrap items-center gap-3">
        {mode === "draft" ? (
          <>
            <button
              type="submit"
              name="intent"
              value="draft"
              disabled={pending}
              className="rounded-md border border-stone-400 bg-white px-5 py-2 font-semibold hover:bg-stone-100 disabled:opacity-60"
            >
              {text.saveDraft}
            </button>
            <button
              type="submit"
              name="intent"
              value="publish"
              disabled={pending}
              aria-describedby={publishHint ? "event-publish-hint" : undefined}
              className="rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
            >
              {publishLabel}
            </button>
            {publishHint && (
              <p id="event-publish-hint" className="text-sm text-amber-900">
                {publishHint}
              </p>
            )}
          </>
        ) : mode === "series-date" ? (
          <>
            <button
              type="submit"
              name="intent"
              value="date"
              disabled={pending}
              className="rounded-md border border-stone-400 bg-white px-5 py-2 font-semibold hover:bg-stone-100 disabled:opacity-60"
            >
              {text.saveDateOnly}
            </button>
            <button
              type="submit"
              name="intent"
              value="following"
              disabled={pending}
              className="rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
            >
              {text.saveFollowing}
            </button>
          </>
        ) : (
          <button
            type="submit"
            name="intent"
            value="save"
            disabled={pending}
            className="rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
          >
            {text.saveChanges}
          </button>
        )}
        {pending && (
          <span role="status" className="text-sm text-stone-600">
            {text.saving}
          </span>
        )}
      </div>
    </form>
  );
}
