/**
 * Liveness and readiness (issue 9, item 11). /api/health/live: 200 while the
 * process answers. /api/health: 503 only when PostgreSQL is unreachable
 * (Redis down is "degraded" with 200: see redis-down.spec.ts); never any error
 * text. A second production server is started with a DATABASE_URL pointing at
 * a port where no PostgreSQL listens.
 */
import net from "node:net";
import { expect, test } from "@playwright/test";
import { startExtraServer, type TExtraServer } from "./support/server";

const PORT = 3114;
const DEAD_POSTGRES_PORT = 5999;

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

test.describe("health on a healthy server", () => {
  test("/api/health/live answers 200 ok", async ({ request }) => {
    const response = await request.get("/api/health/live");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  test("/api/health answers 200 ok with both dependencies up, and their latencies", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { latencyMs: Record<string, number> } & Record<string, unknown>;
    expect(body).toMatchObject({ status: "ok", database: "up", redis: "up" });
    expect(Date.parse(String(body.checkedAt))).not.toBeNaN();
    expect(body.latencyMs.database).toBeGreaterThanOrEqual(0);
    expect(body.latencyMs.redis).toBeGreaterThanOrEqual(0);
  });
});

test.describe.serial("PostgreSQL unreachable", () => {
  let server: TExtraServer;

  test.beforeAll(async () => {
    expect(await isListening(DEAD_POSTGRES_PORT), `nothing may listen on ${DEAD_POSTGRES_PORT} for this test`).toBe(false);
    server = await startExtraServer({
      port: PORT,
      env: { DATABASE_URL: `postgresql://postgres@127.0.0.1:${DEAD_POSTGRES_PORT}/zenbali_e2e`, REDIS_KEY_PREFIX: "zbe2e:edge:" },
    });
  });

  test.afterAll(async () => {
    await (server as TExtraServer | undefined)?.stop(); // unset when beforeAll failed
  });

  test("/api/health answers 503 unavailable, database down, and names no error", async ({ request }) => {
    const response = await request.get(`${server.baseURL}/api/health`);
    expect(response.status()).toBe(503);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "unavailable", database: "down", redis: "up" });
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|5999|error|connect/i);
    // The reason goes to the log once per change, however often the load balancer asks. (A server under load may
    // reach Redis a moment after its first check: database down with Redis down, then up, is two changes.)
    const logged = () => server.output().match(/Health is now unavailable/g)?.length ?? 0;
    const before = logged();
    expect(before).toBeGreaterThanOrEqual(1);
    for (let poll = 0; poll < 3; poll++) expect((await request.get(`${server.baseURL}/api/health`)).status()).toBe(503);
    expect(logged()).toBe(before);
    expect(server.output()).toContain("PostgreSQL:");
  });

  test("/api/health/live still answers 200: the process itself is fine", async ({ request }) => {
    const response = await request.get(`${server.baseURL}/api/health/live`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});
