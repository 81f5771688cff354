import "server-only";
import { z } from "zod";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { checkPasswordPolicy } from "@/lib/auth/password-policy";
import { sendPasswordResetEmail } from "@/lib/auth/request-password-reset";
import { randomSecret } from "@/lib/auth/sessions";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { DEFAULT_LOCALE } from "@/lib/i18n/languages";
import { EMAIL_TAKEN_MESSAGE, invalidCreatorInput, ZCreatorProfileInput } from "./creator-input";

const ZCreateCreatorInput = ZCreatorProfileInput.extend({
  /** Empty: the creator gets an email with a link to choose their own password. */
  password: z
    .string()
    .max(1000, "Use at most 128 characters.")
    .optional()
    .transform((value) => value || null),
  verified: z.boolean().default(false),
  active: z.boolean().default(true),
}).superRefine((input, ctx) => {
  if (input.password === null) return;
  const problem = checkPasswordPolicy({ password: input.password, email: input.email });
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
});

export type TCreateCreatorInput = z.input<typeof ZCreateCreatorInput>;

/**
 * An admin creates a creator account (with its audit row in the same
 * transaction). Without a password, the account gets an unusable random one
 * and the creator is mailed a link to set theirs; the account is saved first,
 * so a mail failure loses nothing (the admin can send the link again).
 */
export async function createCreatorAsAdmin({
  actor,
  input,
  ip,
}: {
  actor: TAuditActor;
  input: TCreateCreatorInput;
  ip?: string;
}): Promise<{ id: string; email: string; mailed: boolean }> {
  const parsed = ZCreateCreatorInput.safeParse(input);
  if (!parsed.success) throw invalidCreatorInput(parsed.error);
  const { password, verified, active, language = DEFAULT_LOCALE, ...fields } = parsed.data;
  const profile = { ...fields, language };
  const passwordHash = await hashPassword(password ?? randomSecret());
  let user: { id: string; email: string; name: string };
  try {
    user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { ...profile, role: "CREATOR", passwordHash, isActive: active, emailVerifiedAt: verified ? new Date() : null },
        select: { id: true, email: true, name: true },
      });
      await recordAudit(tx, {
        actor,
        action: "creator.create",
        targetType: "user",
        targetId: created.id,
        ip,
        summary: { after: { ...profile, isActive: active, verified, passwordSetBy: password ? "admin" : "email link" } },
      });
      return created;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", EMAIL_TAKEN_MESSAGE, { fields: { email: EMAIL_TAKEN_MESSAGE } });
    }
    throw error;
  }
  let mailed = false;
  if (!password && active) {
    mailed = await sendPasswordResetEmail(user).then(
      () => true,
      (error: unknown) => {
        console.error("create creator: the set-password email could not be sent", error);
        return false;
      },
    );
  }
  return { id: user.id, email: user.email, mailed };
}
