import { after } from "next/server";
import { handleSubscribePost } from "@/lib/subscriptions/subscription-posts";

export const dynamic = "force-dynamic";

/** "Email me new events like these" (fields `email`, `query`) and "Email me when <name> posts" (`email`, `creator`). */
export function POST(request: Request) {
  return handleSubscribePost(request, "alert", (task) => after(task));
}
