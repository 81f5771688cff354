import { NextResponse } from "next/server";
import { checkReadiness } from "@/lib/health/check-readiness";
import { readinessHttpStatus } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 "ok", 200 "degraded" (Redis down: the public site still
 * serves), 503 "unavailable" only when PostgreSQL does not answer. No error
 * text (it is logged). Not rate limited (load balancers poll it).
 * Liveness is /api/health/live.
 */
export async function GET() {
  const readiness = await checkReadiness();
  return NextResponse.json(readiness, { status: readinessHttpStatus(readiness), headers: { "Cache-Control": "no-store" } });
}
