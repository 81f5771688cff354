"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { TCreateApiKeyState } from "@/components/admin/create-api-key-form";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { getClientIp } from "@/lib/http/client-ip";
import { formRefusal } from "@/lib/http/form-refusal";
import { requireAdmin } from "@/lib/http/require-admin";
import { formText } from "@/lib/http/form-fields";

const PAGE = "/admin/api-keys";

/**
 * "Create key" on /admin/api-keys, through useActionState so that the
 * plaintext key comes back in the action result (shown once) instead of a
 * redirect URL. The admin check runs here again, not only on the page.
 */
export async function createApiKeyAction(_previous: TCreateApiKeyState, formData: FormData): Promise<TCreateApiKeyState> {
  const admin = await requireAdmin(PAGE);
  const values = { name: formText(formData, "name"), creator: formText(formData, "creator") };
  try {
    const created = await createApiKey({
      actor: { id: admin.id, email: admin.email },
      input: { ...values, scope: formText(formData, "scope") as "events:write" },
      ip: getClientIp(await headers()),
    });
    revalidatePath(PAGE);
    return { status: "created", key: created.key, name: created.name, prefix: created.prefix, ownerEmail: created.owner.email };
  } catch (error) {
    const { message, fields } = formRefusal(error);
    return { status: "error", message, fields, values };
  }
}

/** "Revoke" on one key (bound to its id in the page). */
export async function revokeApiKeyAction(keyId: string): Promise<void> {
  const admin = await requireAdmin(PAGE);
  let name: string;
  try {
    ({ name } = await revokeApiKey({ actor: { id: admin.id, email: admin.email }, keyId, ip: getClientIp(await headers()) }));
  } catch (error) {
    redirect(`${PAGE}?error=${encodeURIComponent(formRefusal(error).message)}`);
  }
  redirect(`${PAGE}?revoked=${encodeURIComponent(name)}`);
}
