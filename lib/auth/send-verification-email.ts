import "server-only";
import { db } from "@/lib/db";
import { sendMail } from "@/lib/mail/send-mail";
import { recipientLocale } from "@/lib/mail/recipient-locale";
import { verificationMail } from "@/lib/mail/templates";
import { TOKEN_TTL, issueToken } from "./tokens";

/**
 * Issues a 24-hour, single-use verification token and mails its link, in the user's language (users.language; read
 * from the database when the caller does not have it).
 */
export async function sendVerificationEmail(user: { id: string; email: string; name: string; language?: string }): Promise<void> {
  const language = user.language ?? (await db.user.findUnique({ where: { id: user.id }, select: { language: true } }))?.language;
  const { token } = await issueToken({ purpose: "verify-email", userId: user.id, ttlSeconds: TOKEN_TTL["verify-email"] });
  await sendMail({ to: user.email, ...verificationMail({ name: user.name, token, locale: recipientLocale(language) }) });
}
