import { NextResponse } from "next/server";
import { publicApi } from "@/lib/http/api-handler";
import { listReferenceData } from "@/lib/reference/list-reference-data";

export const dynamic = "force-dynamic";

/** Active entrance-types in display order: { entranceTypes: [{ id, name, slug, names }] }, `names` being the name in other languages ({ "id": "…", "ru": "…" }; English is `name`). */
export const GET = publicApi(async () => {
  const { entranceTypes } = await listReferenceData();
  return NextResponse.json({ entranceTypes }, { headers: { "Cache-Control": "public, max-age=300" } });
});
