import "server-only";
import { assertCanCreateEvent } from "./event-create-limit";
import type { TEventActor } from "./event-access";
import { parseEventForm, toEventColumns } from "./event-form-data";
import type { TEventFormValues } from "./event-form-schema";
import { insertDraftEvent } from "./insert-event";

/**
 * A creator's new event, saved as a DRAFT (drafts are not public, so no
 * public cache changes). Validation comes first, so a typo never uses up
 * the creator's daily allowance (policy `eventCreate`).
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
  const data = parseEventForm(input, { now });
  const columns = await toEventColumns(data);
  await assertCanCreateEvent(actor.id);
  return insertDraftEvent(columns, actor.id);
}
