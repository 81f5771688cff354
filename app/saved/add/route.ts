import { saveEvent } from "@/lib/saved/change-saved-list";
import { handleSavedPost } from "@/lib/saved/saved-post";

export const dynamic = "force-dynamic";

/** A Save button (field `event`, the event's slug): the event on the visitor's saved list, then /saved with "Saved: <title>". */
export function POST(request: Request) {
  return handleSavedPost(request, saveEvent);
}
