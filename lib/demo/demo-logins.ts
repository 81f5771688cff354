import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";

/**
 * Gives the seeded demo organiser a password, so the demo's creator login
 * works. (The demo's admin is the seed's first admin, from ADMIN_EMAIL and
 * ADMIN_PASSWORD, which npm run demo sets.) Demo only: npm run demo calls it
 * once, when it writes the logins to .demo/.
 */
export async function setDemoOrganiserPassword({ email, password }: { email: string; password: string }): Promise<void> {
  await db.user.update({ where: { email }, data: { passwordHash: await hashPassword(password), isActive: true } });
}
