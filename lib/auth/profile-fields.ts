import { z } from "zod";

/** Optional organisation, as typed on /register, the profile and the admin's creator form; empty → null. */
export const ZOrganisation = z
  .string()
  .trim()
  .max(160, "Use at most 160 characters.")
  .optional()
  .transform((value) => value || null);

/** Optional phone (WhatsApp), same forms; empty → null. */
export const ZPhone = z
  .string()
  .trim()
  .max(40, "Use at most 40 characters.")
  .refine((value) => value === "" || /^[+0-9 ()-]{8,20}$/.test(value), "Enter a phone number with 8 to 20 digits, spaces, +, ( ) or -.")
  .optional()
  .transform((value) => value || null);
