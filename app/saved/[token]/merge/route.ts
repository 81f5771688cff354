import { handleMergePost } from "@/lib/subscriptions/subscription-posts";

export const dynamic = "force-dynamic";

/** "Add them to your list": this browser's saved list (its cookie) merged into the subscriber's. */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  return handleMergePost(request, (await params).token);
}
