import "server-only";
import { getCurrentUser } from "@/lib/auth/current-user";
import type { TAuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { parseReferenceKind, type TReferenceKind } from "./manage-reference-kinds";

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

/** The [kind] segment: locations, event-types or entrance-types; anything else is a 404. */
export function referenceKindOr404(value: string): TReferenceKind {
  const kind = parseReferenceKind(value);
  if (!kind) throw new AppError("NOT_FOUND", "Unknown kind of reference data: use locations, event-types or entrance-types.");
  return kind;
}
