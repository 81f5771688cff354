import { describe, expect, it } from "vitest";
import { HealthChangeLog, healthStatus, readinessHttpStatus, toReadiness, type THealth } from "./readiness";

const health = (database: THealth["database"], redis: THealth["redis"]): THealth => ({
  status: healthStatus(database, redis),
  database,
  redis,
  checkedAt: "2026-12-03T10:00:00.000Z",
});

describe("readiness", () => {
  it("is ok with both up, and with no Redis configured (demo mode)", () => {
    for (const redis of [{ status: "up" as const, latencyMs: 0.4 }, { status: "none" as const }]) {
      const readiness = toReadiness(health({ status: "up", latencyMs: 1.2 }, redis));
      expect(readiness.status).toBe("ok");
      expect(readinessHttpStatus(readiness)).toBe(200);
    }
  });

  it("is degraded, still 200, when only Redis is down: the public pages still serve", () => {
    const readiness = toReadiness(health({ status: "up", latencyMs: 1.2 }, { status: "down", error: "connect ECONNREFUSED 127.0.0.1:6399" }));
    expect(readiness).toEqual({
      status: "degraded",
      database: "up",
      redis: "down",
      checkedAt: "2026-12-03T10:00:00.000Z",
      latencyMs: { database: 1.2, redis: undefined },
    });
    expect(readinessHttpStatus(readiness)).toBe(200);
  });

  it("is unavailable, 503, when PostgreSQL is down, whatever Redis says", () => {
    for (const redis of [{ status: "up" as const }, { status: "down" as const, error: "x" }]) {
      const readiness = toReadiness(health({ status: "down", error: "connect ECONNREFUSED 127.0.0.1:5999" }, redis));
      expect(readiness.status).toBe("unavailable");
      expect(readiness.database).toBe("down");
      expect(readinessHttpStatus(readiness)).toBe(503);
    }
  });

  it("sends no error text", () => {
    const readiness = toReadiness(
      health({ status: "down", error: "password authentication failed for user secret-user" }, { status: "down", error: "NOAUTH secret" }),
    );
    expect(JSON.stringify(readiness)).not.toMatch(/secret|password|NOAUTH|error/i);
  });
});

describe("HealthChangeLog", () => {
  it("logs the reasons once per change of state, not once per check", () => {
    const lines: string[] = [];
    const log = new HealthChangeLog((line) => lines.push(line));
    const up = health({ status: "up" }, { status: "up" });
    const redisDown = health({ status: "up" }, { status: "down", error: "connect ECONNREFUSED 127.0.0.1:6399" });
    log.record(up);
    log.record(up);
    expect(lines).toEqual([]);
    log.record(redisDown);
    log.record(redisDown);
    log.record(redisDown);
    expect(lines).toEqual(["Health is now degraded (database up, redis down): Redis: connect ECONNREFUSED 127.0.0.1:6399"]);
    log.record(up);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe("Health is now ok (database up, redis up)");
  });

  it("logs a first check that is not ok", () => {
    const lines: string[] = [];
    new HealthChangeLog((line) => lines.push(line)).record(health({ status: "down", error: "timeout" }, { status: "up" }));
    expect(lines).toEqual(["Health is now unavailable (database down, redis up): PostgreSQL: timeout"]);
  });
});
