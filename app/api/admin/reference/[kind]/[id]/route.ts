import { NextResponse, type NextRequest } from "next/server";
import { readJsonObjectBody } from "@/lib/api-keys/read-json-body";
import { getClientIp } from "@/lib/http/client-ip";
import { errorToResponse } from "@/lib/http/respond";
import { updateReferenceItem } from "@/lib/reference/manage-reference";
import { requireAdminForApi } from "@/lib/http/require-admin";
import { referenceKindOr404 } from "@/lib/reference/manage-reference-kinds";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ kind: string; id: string }> };

/**
 * Changes an item: body { name?, names?, isActive?, sortOrder? } → 200 { item }. `names` ({ "id": "…", "ru": "…" })
 * replaces the name in other languages (a language left out or empty shows the English name).
 * Renaming makes a new slug; a duplicate → 409; bad values or an unknown language → 422; unknown id → 404. Admins only, audited.
 */
export async function PATCH(request: NextRequest, { params }: TContext) {
  try {
    const actor = await requireAdminForApi();
    const { kind: kindValue, id } = await params;
    const kind = referenceKindOr404(kindValue);
    const body = await readJsonObjectBody(request, 8 * 1024);
    const { item } = await updateReferenceItem({
      actor,
      kind,
      ip: getClientIp(request.headers),
      id,
      change: { name: body.name, names: body.names, isActive: body.isActive, sortOrder: body.sortOrder },
    });
    return NextResponse.json({ item }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorToResponse(error);
  }
}
