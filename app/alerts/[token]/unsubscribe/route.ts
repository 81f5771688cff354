import { handleUnsubscribeGet, handleUnsubscribePost } from "@/lib/digest/alert-posts";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ token: string }> };

/** The one-click unsubscribe (List-Unsubscribe-Post, RFC 8058): unsubscribes at once, 200, no cookie or form needed. */
export async function POST(request: Request, { params }: TContext) {
  return handleUnsubscribePost(request, (await params).token);
}

/** A link followed (by a person or a mail scanner): changes nothing, shows the confirmation button. */
export async function GET(request: Request, { params }: TContext) {
  return handleUnsubscribeGet(request, (await params).token);
}
