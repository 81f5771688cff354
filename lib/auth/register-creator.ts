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

/**
 * A new creator account: validated, rate limited per IP, stored with an
 * argon2id hash, then a verification email. The account is saved before any
 * mail is attempted, so a mail failure never loses a registration.
 */
export async function registerCreator({ input, ip }: { input: TRegisterInput; ip: string }): Promise<{ userId: string; email: string }> {
  const parsed = ZRegisterInput.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
    throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { fields });
  }
  const limit = await checkRateLimit("register", ip);
  if (!limit.success) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
    throw new AppError("RATE_LIMITED", `Too many attempts, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`, { retryAfterSeconds: limit.retryAfterSeconds });
  }
  const { name, organisation, email, phone, password } = parsed.data;
  let user: { id: string; email: string; name: string };
  try {
    user = await db.user.create({
      data: { name, organisation, email, phone, role: "CREATOR", passwordHash: await hashPassword(password) },
      select: { id: true, email: true, name: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", "An account with this email already exists.", { fields: { email: "An account with this email already exists. Log in, or reset your password." } });
    }
    throw error;
  }
  await sendVerificationEmail(user).catch((error: unknown) => console.error("registration: the verification email could not be sent", error));
  return { userId: user.id, email: user.email };
}
