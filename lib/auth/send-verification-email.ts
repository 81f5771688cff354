import "server-only";
import { sendMail } from "@/lib/mail/send-mail";
import { verificationMail } from "@/lib/mail/templates";
import { TOKEN_TTL, issueToken } from "./tokens";

/** Issues a 24-hour, single-use verification token and mails its link. */
export async function sendVerificationEmail(user: { id: string; email: string; name: string }): Promise<void> {
  const { token } = await issueToken({ purpose: "verify-email", userId: user.id, ttlSeconds: TOKEN_TTL["verify-email"] });
  await sendMail({ to: user.email, ...verificationMail({ name: user.name, token }) });
}
