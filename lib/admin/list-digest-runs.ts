import "server-only";
import { db } from "@/lib/db";

export type TDigestRunRow = {
  id: string;
  week: string;
  cutoff: Date;
  startedAt: Date;
  finishedAt: Date | null;
  sent: number;
  skipped: number;
  failed: number;
  pending: number;
  /** The latest failed delivery's error (never an address: the errors name none but the SMTP server's reply). */
  lastError: string | null;
};

/** The latest digest runs for /admin/system, newest first, with their deliveries counted by status. One statement. */
export async function listDigestRuns({ limit = 10 }: { limit?: number } = {}): Promise<TDigestRunRow[]> {
  return db.$queryRaw<TDigestRunRow[]>`
    SELECT r.id, r.week, r.cutoff, r.started_at AS "startedAt", r.finished_at AS "finishedAt",
           count(d.run_id) FILTER (WHERE d.status = 'SENT')::int AS sent,
           count(d.run_id) FILTER (WHERE d.status = 'SKIPPED')::int AS skipped,
           count(d.run_id) FILTER (WHERE d.status = 'FAILED')::int AS failed,
           count(d.run_id) FILTER (WHERE d.status = 'PENDING')::int AS pending,
           (SELECT f.last_error FROM digest_deliveries f WHERE f.run_id = r.id AND f.status = 'FAILED' ORDER BY f.updated_at DESC LIMIT 1) AS "lastError"
    FROM (SELECT * FROM digest_runs ORDER BY started_at DESC LIMIT ${limit}) r
    LEFT JOIN digest_deliveries d ON d.run_id = r.id
    GROUP BY r.id, r.week, r.cutoff, r.started_at, r.finished_at
    ORDER BY r.started_at DESC`;
}
