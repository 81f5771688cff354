import { removeSavedEvent } from "@/lib/saved/change-saved-list";
import { handleSavedPost } from "@/lib/saved/saved-post";

export const dynamic = "force-dynamic";

/** A Remove button on /saved (field `event`, the event's slug): the event off the visitor's saved list, then /saved. */
export function POST(request: Request) {
  return handleSavedPost(request, removeSavedEvent);
}
