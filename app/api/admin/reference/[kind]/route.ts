import { NextResponse, type NextRequest } from "next/server";
import { readJsonObjectBody } from "@/lib/api-keys/read-json-body";
import { getClientIp } from "@/lib/http/client-ip";
import { errorToResponse } from "@/lib/http/respond";
import { addReferenceItem } from "@/lib/reference/manage-reference";
import { requireAdminForApi } from "@/lib/http/require-admin";
import { referenceKindOr404 } from "@/lib/reference/manage-reference-kinds";
import { listAdminReference } from "@/lib/reference/manage-reference-list";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ kind: string }> };

const NO_STORE = { "Cache-Control": "no-store" };

/** Every item of a kind, active and inactive, with event counts: { items }. Admins only. */
export async function GET(_request: NextRequest, { params }: TContext) {
  try {
    await requireAdminForApi();
    const kind = referenceKindOr404((await params).kind);
    return NextResponse.json({ items: await listAdminReference(kind) }, { headers: NO_STORE });
  } catch (error) {
    return errorToResponse(error);
  }
}

/**
 * Adds an item: body { name, names? } → 201 { item }, `names` being the name in other languages ({ "id": "…", "ru": "…" },
 * not for locations); a duplicate name or slug → 409; a bad name, a too long translation or an unknown language → 422.
 * Admins only, audited.
 */
export async function POST(request: NextRequest, { params }: TContext) {
  try {
    const actor = await requireAdminForApi();
    const kind = referenceKindOr404((await params).kind);
    const body = await readJsonObjectBody(request, 8 * 1024);
    const item = await addReferenceItem({ actor, kind, ip: getClientIp(request.headers), name: body.name, names: body.names });
    return NextResponse.json({ item }, { status: 201, headers: NO_STORE });
  } catch (error) {
    return errorToResponse(error);
  }
}
