import "server-only";
import { z } from "zod";
import { recordAudit, type TAuditActor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { displayPrefix, generateApiKey, hashApiKey } from "./api-key-secret";
import { API_KEY_NAME_MAX, API_KEY_NAME_MIN, API_KEY_SCOPES } from "./scopes";
import { isUuid } from "@/lib/format/uuid";
import { isEmailTooLong } from "@/lib/auth/email";

const NAME_MESSAGE = `Enter a name of ${API_KEY_NAME_MIN} to ${API_KEY_NAME_MAX} characters.`;
const CREATOR_MESSAGE = "Choose an active creator.";

export const ZCreateApiKeyInput = z.object({
  name: z
    .string({ error: NAME_MESSAGE })
    .transform((value) => value.trim().replace(/\s+/g, " "))
    .refine((value) => value.length >= API_KEY_NAME_MIN && value.length <= API_KEY_NAME_MAX, { error: NAME_MESSAGE }),
  /** The owner, by id (the select) or by email (the text input used when there are very many creators). */
  creator: z
    .string({ error: CREATOR_MESSAGE })
    .transform((value) => value.trim())
    .refine((value) => isUuid(value) || (value.includes("@") && !isEmailTooLong(value)), { error: CREATOR_MESSAGE }),
  scope: z.enum(API_KEY_SCOPES, { error: "Choose the scope events:write." }),
});

export type TCreateApiKeyInput = z.input<typeof ZCreateApiKeyInput>;

export type TCreatedApiKey = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  owner: { id: string; email: string; name: string };
  /** The key itself: returned this once, never stored, never logged. */
  key: string;
};

/**
 * An admin creates an API key for an active creator. The plaintext key is
 * returned once; only its hash and display prefix are stored. One audit row
 * (`api_key.create`, without the key) in the same transaction.
 */
export async function createApiKey({ actor, input, ip }: { actor: TAuditActor; input: TCreateApiKeyInput; ip?: string | null }): Promise<TCreatedApiKey> {
  const parsed = ZCreateApiKeyInput.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      if (key && !(key in fields)) fields[key] = issue.message;
    }
    throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { fields });
  }
  const { name, creator, scope } = parsed.data;
  const key = generateApiKey();
  const prefix = displayPrefix(key);

  return db.$transaction(async (tx) => {
    const owner = await tx.user.findFirst({
      where: { role: "CREATOR", isActive: true, ...(isUuid(creator) ? { id: creator } : { email: creator.toLowerCase() }) },
      select: { id: true, email: true, name: true },
    });
    if (!owner)
      throw new AppError("INVALID_INPUT", CREATOR_MESSAGE, { fields: { creator: "There is no active creator with this account. " + CREATOR_MESSAGE } });
    const created = await tx.apiKey.create({
      data: { name, prefix, keyHash: hashApiKey(key), scopes: [scope], userId: owner.id, createdById: actor.id },
      select: { id: true, name: true, prefix: true, scopes: true },
    });
    await recordAudit(tx, {
      actor,
      action: "api_key.create",
      targetType: "api_key",
      targetId: created.id,
      ip,
      summary: { before: null, after: { name: created.name, prefix: created.prefix, scopes: created.scopes, owner: owner.email, status: "active" } },
    });
    return { ...created, owner, key };
  });
}
