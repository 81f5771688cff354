import "server-only";
import { z } from "zod";
import { ZEmail } from "@/lib/auth/email";
import { ZOrganisation, ZPhone } from "@/lib/auth/profile-fields";
import { AppError } from "@/lib/errors";

/** The profile fields an admin types for a creator (the same rules as registration). */
export const ZCreatorProfileInput = z.object({
  name: z.string().trim().min(2, "Enter the creator's full name.").max(120, "Use at most 120 characters."),
  organisation: ZOrganisation,
  email: ZEmail,
  phone: ZPhone,
});

export type TCreatorProfileInput = z.input<typeof ZCreatorProfileInput>;

/** Zod issues → one message per field, thrown as INVALID_INPUT. */
export function invalidCreatorInput(error: z.ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0])] ??= issue.message;
  return new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { fields });
}

export const EMAIL_TAKEN_MESSAGE = "Another account already uses this email.";
