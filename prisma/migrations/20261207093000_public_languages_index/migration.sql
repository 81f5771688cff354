-- Issue 12: `lang=de` must not walk every public event to find none. The listing's own indexes walk events in date
-- order and filter the language; for a language few events are held in, the planner takes this one instead.
CREATE INDEX "events_public_languages_idx" ON "events" USING GIN ("languages")
  WHERE "deleted_at" IS NULL AND "status" IN ('PUBLISHED'::"EventStatus", 'CANCELLED'::"EventStatus");
