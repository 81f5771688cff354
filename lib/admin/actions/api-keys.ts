"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { AppError } from "@/lib/errors";
import { getClientIp } from "@/lib/http/client-ip";
import { requireAdmin } from "@/lib/http/require-admin";

const PAGE = "/admin/api-keys";

export type TCreateApiKeyState =
  | { status: "idle" }
  | { status: "error"; message: string; fields?: Record<string, string>; values: { name: string; creator: string } }
  /** The key is in this result only: never in a URL, never stored in clear. */
  | { status: "created"; key: string; name: string; prefix: string; ownerEmail: string };

/**
 * "Create key" on /admin/api-keys, through useActionState so that the
 * plaintext key comes back in the action result (shown once) instead of a
 * redirect URL. The admin check runs here again, not only on the page.
 */
export async function createApiKeyAction(_previous: TCreateApiKeyState, formData: FormData): Promise<TCreateApiKeyState> {
  const admin = await requireAdmin(PAGE);
  const values = { name: String(formData.get("name") ?? ""), creator: String(formData.get("creator") ?? "") };
  try {
    const created = await createApiKey({
      actor: { id: admin.id, email: admin.email },
      input: { ...values, scope: String(formData.get("scope") ?? "") as "events:write" },
      ip: getClientIp(await headers()),
    });
    revalidatePath(PAGE);
    return { status: "created", key: created.key, name: created.name, prefix: created.prefix, ownerEmail: created.owner.email };
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: error.message, fields: error.fields, values };
    throw error;
  }
}

/** "Revoke" on one key (bound to its id in the page). */
export async function revokeApiKeyAction(keyId: string): Promise<void> {
  const admin = await requireAdmin(PAGE);
  let name: string;
  try {
    ({ name } = await revokeApiKey({ actor: { id: admin.id, email: admin.email }, keyId, ip: getClientIp(await headers()) }));
  } catch (error) {
    if (error instanceof AppError) redirect(`${PAGE}?error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  redirect(`${PAGE}?revoked=${encodeURIComponent(name)}`);
}
