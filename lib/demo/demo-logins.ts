import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import type { TDemoLogins } from "./demo-accounts";

/**
 * Makes both logins work: the admin is created (or its password set), the
 * demo organiser (already seeded) gets the password. Demo only: npm run demo
 * calls it once, when it writes the logins to .demo/.
 */
export async function applyDemoLogins(logins: TDemoLogins): Promise<void> {
  const [adminHash, creatorHash] = await Promise.all([hashPassword(logins.admin.password), hashPassword(logins.creator.password)]);
  await db.$transaction([
    db.user.upsert({
      where: { email: logins.admin.email },
      create: { email: logins.admin.email, role: "ADMIN", name: "Demo Admin", passwordHash: adminHash, emailVerifiedAt: new Date() },
      update: { role: "ADMIN", passwordHash: adminHash, isActive: true, emailVerifiedAt: new Date() },
    }),
    db.user.update({ where: { email: logins.creator.email }, data: { passwordHash: creatorHash, isActive: true } }),
  ]);
}
