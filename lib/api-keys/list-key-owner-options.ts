import "server-only";
import { db } from "@/lib/db";

/** Above this many active creators the form asks for an email instead of showing a select. */
export const OWNER_SELECT_MAX = 500;

export type TKeyOwnerOption = { id: string; name: string; email: string };

/** Active creators who can own a key, by name; `options` is null when there are too many for a select. */
export async function listKeyOwnerOptions(): Promise<{ options: TKeyOwnerOption[] | null }> {
  const where = { role: "CREATOR" as const, isActive: true };
  const creators = await db.user.findMany({
    where,
    orderBy: [{ name: "asc" }, { email: "asc" }],
    take: OWNER_SELECT_MAX + 1,
    select: { id: true, name: true, email: true },
  });
  return { options: creators.length > OWNER_SELECT_MAX ? null : creators };
}
