/**
 * With Redis unreachable the public site keeps serving from PostgreSQL, and
 * /api/health says "degraded" with 200, so that a load balancer keeps the
 * instance. A second production server is started for this, pointed at a
 * port where no Redis listens.
 */
import net from "node:net";
import { expect, test } from "@playwright/test";
import { logIn, register } from "./support/creator";
import { clearRateLimits, countPublicUpcomingEvents, closeDb } from "./support/db";
import { startExtraServer, type TExtraServer } from "./support/server";

const PORT = 3108;
const DEAD_REDIS_PORT = 6399;

let server: TExtraServer;

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

test.describe.serial("Redis unreachable", () => {
  test.beforeAll(async () => {
    expect(await isListening(DEAD_REDIS_PORT), `nothing may listen on ${DEAD_REDIS_PORT} for this test`).toBe(false);
    server = await startExtraServer({ port: PORT, env: { REDIS_URL: `redis://127.0.0.1:${DEAD_REDIS_PORT}` } });
  });

  test.afterAll(async () => {
    await (server as TExtraServer | undefined)?.stop(); // unset when beforeAll failed
    await closeDb();
  });

  test("signed-in pages say they are temporarily unavailable instead of letting anyone in", async ({ page }) => {
    // Sign in on the healthy server; cookies are shared across ports of 127.0.0.1.
    await clearRateLimits();
    const creator = { name: "Redis Down", email: `redis-down.${Date.now()}@example.test`, password: "no sessions without redis" };
    await register(page, creator);
    await logIn(page, creator);
    await page.goto(`${server.baseURL}/dashboard`);
    await expect(page).toHaveURL(`${server.baseURL}/unavailable`);
    await expect(page.getByRole("heading", { level: 1, name: "Temporarily unavailable" })).toBeVisible();
  });

  test("/ still lists events, straight from PostgreSQL", async ({ page }) => {
    const total = await countPublicUpcomingEvents();
    const response = await page.goto(`${server.baseURL}/`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Discover events in Bali" })).toBeVisible();
    await expect(page.getByTestId("event-card")).toHaveCount(24);
    await expect(page.getByRole("heading", { level: 2 })).toContainText(`${total} events`);
    await expect(page.getByTestId("visitor-count")).toHaveText(/^Visitors: \d/);

    // Filters and the event page work too.
    await page.getByLabel("Location", { exact: true }).selectOption({ label: "Ubud" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/location=ubud/);
    const first = page.getByTestId("event-card").first().getByRole("link");
    const title = await first.innerText();
    await first.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  });

  test("/api/events answers 200 with events", async ({ request }) => {
    const response = await request.get(`${server.baseURL}/api/events`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { events: unknown[]; total: number; limit: number };
    expect(body.limit).toBe(24);
    expect(body.events).toHaveLength(24);
    expect(body.total).toBe(await countPublicUpcomingEvents());
  });

  test("feeds still answer", async ({ request }) => {
    const ics = await request.get(`${server.baseURL}/events.ics`);
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain("BEGIN:VEVENT");
    expect((await request.get(`${server.baseURL}/feed.xml`)).status()).toBe(200);
  });

  test("/api/health says degraded, still 200 (public pages serve), and names no error", async ({ request }) => {
    const response = await request.get(`${server.baseURL}/api/health`);
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("no-store");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "degraded", database: "up", redis: "down" });
    expect(Object.keys(body).sort()).toEqual(["checkedAt", "database", "latencyMs", "redis", "status"]);
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|6399|error/i);
    // The reason is in the log instead, once.
    await request.get(`${server.baseURL}/api/health`);
    expect(server.output().match(/Health is now degraded/g)).toHaveLength(1);
    expect(server.output()).toContain("Redis:");
  });

  test("/api/health/live answers 200", async ({ request }) => {
    const response = await request.get(`${server.baseURL}/api/health/live`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});
