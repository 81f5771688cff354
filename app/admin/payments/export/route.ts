import type { NextRequest } from "next/server";
import { exportAdminPayments, parseAdminPaymentFilters } from "@/lib/admin/list-admin-payments";
import { requireUser } from "@/lib/http/current-user";
import { getClientIp } from "@/lib/http/client-ip";

export const dynamic = "force-dynamic";

function plain(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * GET /admin/payments/export?status=&from=&to=&creator= → the filtered
 * payments as a CSV download (see lib/admin/payments-csv.ts for the format).
 * Visitors are sent to /login (and come back here), creators get a 404 like
 * every admin page, bad filters a 400 with a plain message.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const user = await requireUser(`/admin/payments/export${request.nextUrl.search}`);
  if (user.role !== "ADMIN") return plain(404, "Not found.");
  const params = request.nextUrl.searchParams;
  const parsed = parseAdminPaymentFilters({
    status: params.get("status") ?? undefined,
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    creator: params.get("creator") ?? undefined,
  });
  if (!parsed.ok) return plain(400, parsed.errors.join(" "));
  const { filename, body } = await exportAdminPayments({
    actor: { id: user.id, email: user.email },
    filters: parsed.filters,
    ip: getClientIp(request.headers),
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
