import { handleRemovePost } from "@/lib/subscriptions/subscription-posts";

export const dynamic = "force-dynamic";

/** Remove on /saved/<token> (field `event`, the event's id). */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  return handleRemovePost(request, (await params).token);
}
