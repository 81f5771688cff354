import { AppError, type TAppErrorCode } from "@/lib/errors";
import type { TEventFormState, TEventFormValues } from "@/lib/events/event-form-schema";

/** What a form shows after a refused action: one message, and a message per field when the input was the problem. */
export type TFormRefusal = { code: TAppErrorCode; message: string; fields?: Record<string, string> };

/**
 * The one translation from what a lib use case throws to what a form (or a
 * redirect with ?error=) shows: an AppError becomes its message and field
 * messages. Anything else — a bug, an outage that is not an AppError — is
 * thrown on (Next's error page), as is an AppError whose code is not in
 * `only` when that is given.
 */
export function formRefusal(error: unknown, only?: readonly TAppErrorCode[]): TFormRefusal {
  if (!(error instanceof AppError) || (only && !only.includes(error.code))) throw error;
  return { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
}

/** The event form after a refused save (creator's and admin's): the refusal, and everything typed, on a new attempt. */
export function eventFormRefusal(
  error: unknown,
  previous: TEventFormState | undefined,
  typed: { values: TEventFormValues; creatorEmail?: string },
): TEventFormState {
  const { message, fields } = formRefusal(error);
  return { attempt: (previous?.attempt ?? 0) + 1, message, fields, ...typed };
}
