import { NextResponse } from "next/server";
import { publicApi } from "@/lib/http/api-handler";
import { listReferenceData } from "@/lib/reference/list-reference-data";

export const dynamic = "force-dynamic";

/** Active locations in display order: { locations: [{ id, name, slug }] }. */
export const GET = publicApi(async () => {
  const { locations } = await listReferenceData();
  return NextResponse.json({ locations }, { headers: { "Cache-Control": "public, max-age=300" } });
});
