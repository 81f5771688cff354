-- The calendar pages (/calendar, /calendar/month; issue 11) list the visible
-- events that start on each day of a week or a month, ended ones included, so
-- they read a range of starts over every visible event. Hand-written (a
-- partial index): Prisma's schema diff leaves it alone.
CREATE INDEX "events_public_starts_idx" ON "events" (starts_at)
  WHERE deleted_at IS NULL AND status IN ('PUBLISHED', 'CANCELLED');
