import "server-only";
import { z } from "zod";
import { ZEmail } from "@/lib/auth/email";
import { ZOrganisation, ZPhone } from "@/lib/auth/profile-fields";
import { AppError } from "@/lib/errors";
import { LOCALES, type TLocale } from "@/lib/i18n/languages";

/** The profile fields an admin types for a creator (the same rules as registration). */
export const ZCreatorProfileInput = z.object({
  name: z.string().trim().min(2, "Enter the creator's full name.").max(120, "Use at most 120 characters."),
  organisation: ZOrganisation,
  email: ZEmail,
  phone: ZPhone,
  /** The language of the creator's mail (users.language; English for a new account when not given, kept on an edit). The creator can change it on their profile. */
  language: z
    .string()
    .optional()
    .refine((value) => value === undefined || (LOCALES as readonly string[]).includes(value), "Choose a language for emails from the list.")
    .transform((value) => value as TLocale | undefined),
});

export type TCreatorProfileInput = z.input<typeof ZCreatorProfileInput>;

/** Zod issues → one message per field, thrown as INVALID_INPUT. */
export function invalidCreatorInput(error: z.ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0])] ??= issue.message;
  return new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { fields });
}

export const EMAIL_TAKEN_MESSAGE = "Another account already uses this email.";
