import "server-only";
import { insertSeriesDraft } from "@/lib/series/create-series";
import { assertCanCreateEvent } from "./event-create-limit";
import type { TEventActor } from "./event-access";
import { parseEventFormWithRepeat, toEventColumns } from "./event-form-data";
import type { TEventFormValues } from "./event-form-schema";
import { insertDraftEvent } from "./insert-event";

/**
 * A creator's new event, saved as a DRAFT (drafts are not public, so no
 * public cache changes); with a Repeats rule, a new series and its first date
 * (lib/series/create-series.ts). Validation comes first, so a typo never uses
 * up the creator's daily allowance (policy `eventCreate`).
 */
export async function createEvent({
  actor,
  input,
  now = new Date(),
}: {
  actor: TEventActor;
  input: Partial<TEventFormValues>;
  now?: Date;
}): Promise<{ id: string; slug: string }> {
  const { data, rule } = parseEventFormWithRepeat(input, { now });
  const columns = await toEventColumns(data);
  await assertCanCreateEvent(actor.id);
  return rule ? insertSeriesDraft(columns, actor.id, rule) : insertDraftEvent(columns, actor.id);
}
