import { after } from "next/server";
import { handleSubscribePost } from "@/lib/subscriptions/subscription-posts";

export const dynamic = "force-dynamic";

/** "Get these by email and in your calendar" on /saved (field `email`): the browser's saved list as a subscription, once confirmed. */
export function POST(request: Request) {
  return handleSubscribePost(request, "saved", (task) => after(task));
}
