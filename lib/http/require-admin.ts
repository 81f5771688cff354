import "server-only";
import { notFound } from "next/navigation";
import type { TAuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { getCurrentUser, requireUser, type TCurrentUser } from "./current-user";

/** For admin pages and actions: visitors go to /login, creators get a 404 (they are not told the page exists). */
export async function requireAdmin(returnTo: string): Promise<TCurrentUser & { role: "ADMIN" }> {
  const user = await requireUser(returnTo);
  if (user.role !== "ADMIN") notFound();
  return user as TCurrentUser & { role: "ADMIN" };
}

/**
 * For the JSON routes under /api/admin/reference: the signed-in admin, checked
 * on every request like requireAdmin() does for pages, but answered in JSON —
 * anonymous → 401, a creator → 404 (not told the route exists), session store
 * unreachable → 503.
 */
export async function requireAdminForApi(): Promise<TAuditActor> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in as an admin to use this.");
  if (user.role !== "ADMIN") throw new AppError("NOT_FOUND", "Not found.");
  return { id: user.id, email: user.email };
}
