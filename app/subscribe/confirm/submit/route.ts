import { handleConfirmPost } from "@/lib/subscriptions/subscription-posts";

export const dynamic = "force-dynamic";

/** The Confirm button of /subscribe/confirm (field `token`): only this POST uses the link up, never the GET a mail scanner makes. */
export function POST(request: Request) {
  return handleConfirmPost(request);
}
