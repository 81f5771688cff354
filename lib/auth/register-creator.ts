import "server-only";
import { z } from "zod";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { withoutControlCharacters } from "@/lib/format/control-characters";
import { checkRateLimit } from "@/lib/redis/rate-limit";
import { ZEmail } from "./email";
import { ZOrganisation, ZPhone } from "./profile-fields";
import { hashPassword } from "./password";
import { checkPasswordPolicy } from "./password-policy";
import { DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/languages";
import { recipientLocale } from "@/lib/mail/recipient-locale";
import { sendMail } from "@/lib/mail/send-mail";
import { accountExistsMail } from "./account-exists-mail";
import { sendVerificationEmail } from "./send-verification-email";

/** Names as stored: without control characters (PostgreSQL refuses U+0000; see withoutControlCharacters). Passwords are never changed. */
const stored = (value: unknown) => (typeof value === "string" ? withoutControlCharacters(value) : value);

export const ZRegisterInput = z
  .object({
    name: z.preprocess(stored, z.string().trim().min(2, "Enter your full name.").max(120, "Use at most 120 characters.")),
    organisation: z.preprocess(stored, ZOrganisation),
    email: ZEmail,
    phone: ZPhone,
    password: z.string().max(1000, "Use at most 128 characters."),
    confirmPassword: z.string(),
  })
  .superRefine((input, ctx) => {
    const problem = checkPasswordPolicy({ password: input.password, email: input.email });
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    if (input.password !== input.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match." });
  });

export type TRegisterInput = z.input<typeof ZRegisterInput>;

/** The one answer /register gives after valid input, whether or not the address already has an account. */
export const REGISTERED_MESSAGE = "Your account is ready. We sent you an email with a link to verify your address. Log in to start posting events.";

export type TRegisterCreatorInput = {
  input: TRegisterInput;
  /** The language of the page the creator registered on: their mail's language (users.language). Default English. */
  locale?: TLocale;
  /** The registrant's IP (lib/http/client-ip), for the per-IP limit. */
  ip: string;
  /**
   * Runs the mail work. Pages pass `after` from next/server, so that it
   * happens once the response has gone and a known address answers as fast
   * as a new one. Default: run it now and wait (tests, scripts).
   */
  defer?: (task: () => Promise<void>) => void;
};

/**
 * A new creator account: validated, rate limited per IP, stored with an
 * argon2id hash, then a verification email. The account is saved before any
 * mail is attempted, so a mail failure never loses a registration.
 *
 * Never tells whether an address has an account (like /forgot-password): for
 * an address that already has one, nothing is created or changed, the answer
 * is exactly the same, and the owner (if the account is active) is mailed
 * "someone tried to register with this address; sign in or reset your
 * password". The password is hashed in both cases, so both take as long.
 * Mails to one address are limited silently (`registerEmail`, 3 per hour), so
 * /register cannot be used to flood someone's inbox.
 *
 * Throws AppError only for INVALID_INPUT (field messages), RATE_LIMITED (this
 * IP) and SERVICE_UNAVAILABLE (the limits cannot be checked: they fail closed).
 */
export async function registerCreator({ input, ip, defer, locale = DEFAULT_LOCALE }: TRegisterCreatorInput): Promise<void> {
  const parsed = ZRegisterInput.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
    throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { fields });
  }
  const limit = await checkRateLimit("register", ip);
  if (limit.unavailable) throw new AppError("SERVICE_UNAVAILABLE", "Registration is temporarily unavailable. Please try again in a minute.");
  if (!limit.success) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
    throw new AppError("RATE_LIMITED", `Too many attempts, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`, {
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  }
  const { name, organisation, email, phone, password } = parsed.data;
  const mailLimit = await checkRateLimit("registerEmail", email);
  if (mailLimit.unavailable) throw new AppError("SERVICE_UNAVAILABLE", "Registration is temporarily unavailable. Please try again in a minute.");
  const mayMail = mailLimit.success;
  const passwordHash = await hashPassword(password);

  let task: (() => Promise<void>) | null = null;
  try {
    const user = await db.user.create({
      data: { name, organisation, email, phone, role: "CREATOR", passwordHash, language: locale },
      select: { id: true, email: true, name: true, language: true },
    });
    // The verification mail always goes out for a new account (the limit only guards mails to existing ones).
    task = () => sendVerificationEmail(user).catch((error: unknown) => console.error("registration: the verification email could not be sent", error));
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const owner = await db.user.findUnique({ where: { email }, select: { email: true, name: true, isActive: true, language: true } });
    if (owner?.isActive && mayMail) {
      task = () =>
        sendMail({ to: owner.email, ...accountExistsMail({ name: owner.name, locale: recipientLocale(owner.language) }) }).catch((mailError: unknown) =>
          console.error("registration: the account-exists email could not be sent", mailError),
        );
    }
  }
  if (!task) return;
  if (defer) defer(task);
  else await task();
}
