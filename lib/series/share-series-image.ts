import "server-only";
import { db, Prisma } from "@/lib/db";

/**
 * A series' dates show the cover image of the date they were copied from: each date has its own Image row (one per
 * event), pointing at the same content-addressed files, which are deleted only when no row refers to them
 * (lib/events/set-event-image.ts). Dates edited one by one and dates that have ended keep theirs.
 *
 * `replace`: "Save this and following dates" with a new picture replaces the later dates' images; otherwise only
 * dates without an image get one (new dates, kept by keepSeriesDates). `fromDate`: only dates from this Bali date on.
 */
export async function shareSeriesImage({
  seriesId,
  sourceEventId,
  fromDate,
  replace = false,
}: {
  seriesId: string;
  sourceEventId: string;
  fromDate?: string;
  replace?: boolean;
}): Promise<number> {
  return db.$executeRaw`
    INSERT INTO images (id, event_id, uploader_id, card_key, large_key, width, height, bytes, created_at)
    SELECT gen_random_uuid(), e.id, i.uploader_id, i.card_key, i.large_key, i.width, i.height, i.bytes, now()
    FROM images i
    JOIN events e ON e.series_id = ${seriesId}::uuid AND e.id <> i.event_id AND e.deleted_at IS NULL AND NOT e.edited_alone AND e.ends_at > now()
                     ${fromDate ? Prisma.sql`AND e.series_date >= ${fromDate}::date` : Prisma.empty}
    WHERE i.event_id = ${sourceEventId}::uuid
    ${
      replace
        ? Prisma.sql`ON CONFLICT (event_id) DO UPDATE SET card_key = EXCLUDED.card_key, large_key = EXCLUDED.large_key, width = EXCLUDED.width,
                       height = EXCLUDED.height, bytes = EXCLUDED.bytes, uploader_id = EXCLUDED.uploader_id`
        : Prisma.sql`ON CONFLICT (event_id) DO NOTHING`
    }`;
}
