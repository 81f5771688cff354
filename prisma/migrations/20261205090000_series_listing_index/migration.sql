-- "A series shows once" on / (issue 11): each listed date of a series checks
-- that no other visible date of its series that matches the filters comes
-- first. This index makes that check a short range scan within the series,
-- and its INCLUDE columns answer the check without filters from the index
-- alone. Hand-written (a partial index): Prisma's schema diff leaves it alone.
CREATE INDEX "events_public_series_idx" ON "events" (series_id, starts_at, id) INCLUDE (status, ends_at)
  WHERE series_id IS NOT NULL AND deleted_at IS NULL AND status IN ('PUBLISHED', 'CANCELLED');
