import { handleDeleteAlertPost } from "@/lib/digest/alert-posts";

export const dynamic = "force-dynamic";

/** Delete on /alerts/<token> (field `alert`, the alert's id). */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  return handleDeleteAlertPost(request, (await params).token);
}
