import "server-only";
import { db } from "@/lib/db";
import { consumeToken } from "./tokens";

/** Marks the email of the token's user verified. False for an unknown, used or expired token. */
export async function verifyEmail(token: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const userId = await consumeToken({ purpose: "verify-email", token });
  if (!userId) return false;
  const updated = await db.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } });
  if (updated.count === 0) return (await db.user.count({ where: { id: userId } })) > 0;
  return true;
}
