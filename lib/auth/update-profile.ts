import "server-only";
import { z } from "zod";
import { invalidateCreatorChange } from "@/lib/cache/public-changes";
import { assertCanChange } from "@/lib/events/creator-change-limit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recipientLocale } from "@/lib/mail/recipient-locale";
import { LOCALES, type TLocale } from "@/lib/i18n/languages";
import { ZRegisterInput } from "./register-creator";

export const LANGUAGE_MESSAGE = "Choose a language from the list.";

/**
 * The same rules as registration (one definition), minus email and password: the email cannot be changed here.
 * `language`: the language of the user's mail, one of the site's (lib/i18n/languages.ts); left as it is when not given
 * (or empty).
 */
export const ZProfileInput = z.object({
  name: ZRegisterInput.shape.name,
  organisation: ZRegisterInput.shape.organisation,
  phone: ZRegisterInput.shape.phone,
  language: z.preprocess((value) => (value === "" ? undefined : value), z.enum(LOCALES as [TLocale, ...TLocale[]], { error: LANGUAGE_MESSAGE }).optional()),
});

export type TProfileInput = z.input<typeof ZProfileInput>;
export type TProfile = { name: string; organisation: string | null; phone: string | null; language: TLocale };

/**
 * Saves a user's name, organisation, phone and mail language. Throws AppError("INVALID_INPUT")
 * with a message per field. The organiser's name and organisation show on
 * public pages (event pages, cards, /creators/<id>), so a change empties those caches.
 */
export async function updateProfile({ userId, input }: { userId: string; input: TProfileInput }): Promise<TProfile> {
  const parsed = ZProfileInput.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
    throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { fields });
  }
  const { name, organisation, phone, language } = parsed.data;
  const before = await db.user.findUnique({ where: { id: userId }, select: { name: true, organisation: true, phone: true, isActive: true, role: true } });
  if (!before || !before.isActive) throw new AppError("UNAUTHORIZED", "Please log in again.");
  await assertCanChange({ id: userId, role: before.role });
  const saved = await db.user.update({
    where: { id: userId },
    data: { name, organisation, phone, ...(language ? { language } : {}) },
    select: { name: true, organisation: true, phone: true, language: true },
  });
  // The language is private (it only chooses the mail's): public pages change only with the name, organisation or phone.
  if (before.name !== saved.name || before.organisation !== saved.organisation || before.phone !== saved.phone) await invalidateCreatorChange(userId);
  return { ...saved, language: recipientLocale(saved.language) };
}
