-- Listing and search at 100,000 events (issue 5). Hand-written: Prisma's
-- schema diff does not manage CHECK constraints or partial indexes, so they
-- live only here (and `npm run db:migrate` leaves them alone). What each
-- index is for: docs/search-and-indexes.md.

-- Every event lasts at least a moment and at most the form's 90 days and
-- 23:45. Listing queries rely on it: an event that ends after X started after
-- X minus 91 days, which bounds `starts_at` from below (MAX_EVENT_DURATION_MS
-- in lib/events/list-public-events.ts).
ALTER TABLE "events" ADD CONSTRAINT "events_duration_within_limits"
  CHECK (ends_at > starts_at AND ends_at <= starts_at + interval '91 days');

-- "/" soonest first (featured, then by start): one range scan per branch of
-- featured / not featured. ends_at is a key column so that "not ended yet" is
-- checked inside the index, and the unfiltered page is an index-only scan.
CREATE INDEX "events_public_soonest_idx" ON "events" (is_featured, starts_at, id, ends_at)
  WHERE deleted_at IS NULL AND status IN ('PUBLISHED', 'CANCELLED');

-- sort=newest, the same way.
CREATE INDEX "events_public_newest_idx" ON "events" (is_featured, published_at DESC NULLS LAST, created_at DESC, id, ends_at)
  WHERE deleted_at IS NULL AND status IN ('PUBLISHED', 'CANCELLED');

-- Location and type filters: index-only counts of their upcoming events, and
-- bitmaps (ANDed together when both are set) for the page.
CREATE INDEX "events_public_location_idx" ON "events" (location_id, ends_at, starts_at)
  WHERE deleted_at IS NULL AND status IN ('PUBLISHED', 'CANCELLED');
CREATE INDEX "events_public_type_idx" ON "events" (event_type_id, ends_at, starts_at)
  WHERE deleted_at IS NULL AND status IN ('PUBLISHED', 'CANCELLED');

-- Replaced by events_public_soonest_idx (same leading columns).
DROP INDEX "events_public_featured_idx";
