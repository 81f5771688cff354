import "server-only";
import { notFound } from "next/navigation";
import { requireUser, type TCurrentUser } from "@/lib/auth/current-user";

/** For admin pages and actions: visitors go to /login, creators get a 404 (they are not told the page exists). */
export async function requireAdmin(returnTo: string): Promise<TCurrentUser & { role: "ADMIN" }> {
  const user = await requireUser(returnTo);
  if (user.role !== "ADMIN") notFound();
  return user as TCurrentUser & { role: "ADMIN" };
}
