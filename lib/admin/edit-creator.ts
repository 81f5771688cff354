import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { invalidateCreatorChange } from "@/lib/cache/public-changes";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { EMAIL_TAKEN_MESSAGE, invalidCreatorInput, ZCreatorProfileInput, type TCreatorProfileInput } from "./creator-input";
import { isUuid } from "@/lib/format/uuid";

const notFound = () => new AppError("NOT_FOUND", "This creator does not exist.");

/**
 * An admin edits a creator's profile: name, organisation, email (kept
 * unique, case-insensitively), phone and the language of their mail. One audit row with the changed
 * fields before and after, in the same transaction; nothing changed → no row.
 */
export async function editCreatorAsAdmin({
  actor,
  creatorId,
  input,
  ip,
}: {
  actor: TAuditActor;
  creatorId: string;
  input: TCreatorProfileInput;
  ip?: string;
}): Promise<{ changed: string[] }> {
  if (!isUuid(creatorId)) throw notFound();
  const parsed = ZCreatorProfileInput.safeParse(input);
  if (!parsed.success) throw invalidCreatorInput(parsed.error);
  const next = parsed.data;
  type TField = keyof typeof next;
  let changed: TField[] = [];
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.user.findFirst({
        where: { id: creatorId, role: "CREATOR" },
        select: { name: true, organisation: true, email: true, phone: true, language: true },
      });
      if (!before) throw notFound();
      // A field not given (the language, from an older form) keeps its value.
      changed = (Object.keys(next) as TField[]).filter((field) => next[field] !== undefined && before[field] !== next[field]);
      if (changed.length === 0) return;
      await tx.user.update({ where: { id: creatorId }, data: Object.fromEntries(changed.map((field) => [field, next[field]])) });
      await recordAudit(tx, {
        actor,
        action: "creator.edit",
        targetType: "user",
        targetId: creatorId,
        ip,
        summary: {
          email: next.email,
          before: Object.fromEntries(changed.map((field) => [field, before[field]])),
          after: Object.fromEntries(changed.map((field) => [field, next[field]])),
        },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", EMAIL_TAKEN_MESSAGE, { fields: { email: EMAIL_TAKEN_MESSAGE } });
    }
    throw error;
  }
  // The organiser's name shows on their events and profile page.
  if (changed.length) await invalidateCreatorChange(creatorId);
  return { changed };
}
