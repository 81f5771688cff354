-- The listing's count (issue 11): the events that are not dates of a series
-- are counted on their own (a series' dates are counted as one card apart).
-- Without this index the unfiltered count walks events_public_upcoming_idx
-- and visits the table for every upcoming date of a series to skip it (10,000
-- of them before the first 1,001 other events at 5,000 series); with it, the
-- count is an index-only scan of those 1,001. Hand-written (a partial index):
-- Prisma's schema diff leaves it alone.
CREATE INDEX "events_public_single_idx" ON "events" (ends_at, starts_at)
  WHERE series_id IS NULL AND deleted_at IS NULL AND status IN ('PUBLISHED', 'CANCELLED');
