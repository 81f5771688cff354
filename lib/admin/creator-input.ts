import "server-only";
import { z } from "zod";
import { ZEmail } from "@/lib/auth/email";
import { AppError } from "@/lib/errors";

/** The profile fields an admin types for a creator (the same rules as registration). */
export const ZCreatorProfileInput = z.object({
  name: z.string().trim().min(2, "Enter the creator's full name.").max(120, "Use at most 120 characters."),
  organisation: z.string().trim().max(160, "Use at most 160 characters.").optional().transform((value) => value || null),
  email: ZEmail,
  phone: z
    .string()
    .trim()
    .max(40, "Use at most 40 characters.")
    .refine((value) => value === "" || /^[+0-9 ()-]{8,20}$/.test(value), "Enter a phone number with 8 to 20 digits, spaces, +, ( ) or -.")
    .optional()
    .transform((value) => value || null),
});

export type TCreatorProfileInput = z.input<typeof ZCreatorProfileInput>;

/** Zod issues → one message per field, thrown as INVALID_INPUT. */
export function invalidCreatorInput(error: z.ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0])] ??= issue.message;
  return new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { fields });
}

export const EMAIL_TAKEN_MESSAGE = "Another account already uses this email.";

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
