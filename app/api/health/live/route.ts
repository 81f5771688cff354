import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness: 200 while the process can answer. Checks no dependency (that is /api/health, readiness). */
export function GET() {
  return NextResponse.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
