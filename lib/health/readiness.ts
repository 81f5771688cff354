// Pure: what the health checks mean for GET /api/health. No database or Redis here (see check-readiness.ts).

/** A dependency as checked. `error`: the reason it is down, for the admin System page and the log; never sent by /api/health. */
export type TDependencyHealth = { status: "up" | "down" | "none"; latencyMs?: number; error?: string };
/**
 * "unavailable": PostgreSQL does not answer (nothing works without it).
 * "degraded": Redis does not answer; the public site still serves from PostgreSQL (sign-in does not).
 */
export type THealthStatus = "ok" | "degraded" | "unavailable";
export type THealth = { status: THealthStatus; database: TDependencyHealth; redis: TDependencyHealth; checkedAt: string };

/** What /api/health sends: states and latencies, never error text. */
export type TReadiness = {
  status: THealthStatus;
  database: "up" | "down";
  redis: "up" | "down" | "none";
  checkedAt: string;
  latencyMs: { database?: number; redis?: number };
};

/** Only PostgreSQL down makes an instance unavailable. */
export function healthStatus(database: Pick<TDependencyHealth, "status">, redis: Pick<TDependencyHealth, "status">): THealthStatus {
  if (database.status !== "up") return "unavailable";
  return redis.status === "down" ? "degraded" : "ok";
}

export function toReadiness(health: THealth): TReadiness {
  return {
    status: health.status,
    database: health.database.status === "up" ? "up" : "down",
    redis: health.redis.status,
    checkedAt: health.checkedAt,
    latencyMs: { database: health.database.latencyMs, redis: health.redis.latencyMs },
  };
}

/** 503 only when unavailable: a load balancer keeps a degraded instance (public pages still serve). */
export function readinessHttpStatus(readiness: Pick<TReadiness, "status">): number {
  return readiness.status === "unavailable" ? 503 : 200;
}

/**
 * Logs why the health changed, once per change (a load balancer polls every
 * few seconds; a log line per poll would bury the reason). A first check that
 * finds everything up says nothing.
 */
export class HealthChangeLog {
  private last: string | undefined;

  constructor(private readonly log: (message: string) => void = console.warn) {}

  record(health: THealth): void {
    const state = `${health.database.status}/${health.redis.status}`;
    if (state === this.last) return;
    const first = this.last === undefined;
    this.last = state;
    if (first && health.status === "ok") return;
    const reasons = [health.database.error && `PostgreSQL: ${health.database.error}`, health.redis.error && `Redis: ${health.redis.error}`]
      .filter(Boolean)
      .join("; ");
    this.log(`Health is now ${health.status} (database ${health.database.status}, redis ${health.redis.status})${reasons ? `: ${reasons}` : ""}`);
  }
}
