import { NextResponse } from "next/server";
import { publicApi } from "@/lib/http/api-handler";
import { listReferenceData } from "@/lib/reference/list-reference-data";

export const dynamic = "force-dynamic";

/** Active event-types in display order: { eventTypes: [{ id, name, slug, names }] }, `names` being the name in other languages ({ "id": "…", "ru": "…" }; English is `name`). */
export const GET = publicApi(async () => {
  const { eventTypes } = await listReferenceData();
  return NextResponse.json({ eventTypes }, { headers: { "Cache-Control": "public, max-age=300" } });
});
