/**
 * Two instances of the app, one database, one Redis: the main e2e server (A,
 * port 3107) and a second production server started here (B, port 3111) with
 * the SAME environment — same DATABASE_URL, same REDIS_KEY_PREFIX, same
 * AUTH_SECRET — as a load balancer would see them. Nothing an instance keeps
 * for itself may make it disagree with the other for long:
 *
 * - a change made through one shows on the other within one second, although
 *   B keeps hot pages in memory (the page cache re-reads the shared Redis
 *   generation at most every 200 ms; an invalidation bumps it);
 * - a session created on one is valid on the other, and signing out on one
 *   ends it on both (sessions live in Redis);
 * - a rate limit counts the attempts made on both (counters live in Redis);
 * - a visitor's saved list (a cookie signed with AUTH_SECRET) reads the same on both, and a subscriber's list
 *   and calendar feed (PostgreSQL) too.
 *
 * Both servers listen on 127.0.0.1: cookies are per host, not per port, so one
 * browser context carries the same session cookie to both.
 */
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { logInAsAdmin } from "./support/admin";
import {
  baliDate,
  clearPublicCaches,
  clearRateLimits,
  closeDb,
  DAY,
  deleteInsertedData,
  HOUR,
  insertEvent,
  query,
  startOfBaliDay,
  uniqueWord,
  type TInsertedEvent,
} from "./support/db";
import { startExtraServer, type TExtraServer } from "./support/server";
import { e2eServerEnv } from "../playwright.config";

const PORT_B = 3111;
/** What "within one second" means here: the page cache's 200 ms generation check, plus a render. */
const PROPAGATION_MS = 1_000;

const A = e2eServerEnv.APP_URL;
let b: TExtraServer;
let B = "";

/** 10:00 Bali time, `days` days from now. */
function tenInTheMorning(days: number): Date {
  return new Date(startOfBaliDay(baliDate(new Date(Date.now() + days * DAY))).getTime() + 10 * HOUR);
}

/** An anonymous GET (no cookies): what a visitor behind the load balancer gets. */
async function visit(request: APIRequestContext, url: string) {
  const response = await request.get(url, { maxRedirects: 0 });
  return { status: response.status(), cache: response.headers()["x-zenbali-cache"], body: await response.text() };
}

/**
 * Asks for the listing and the event page twice as an anonymous visitor, so
 * that the instance keeps both (in memory and in Redis), and checks that the
 * second answer came from the page cache.
 */
async function warm(request: APIRequestContext, base: string, event: TInsertedEvent, word: string) {
  for (const path of [`/?q=${word}`, `/events/${event.slug}`]) {
    const first = await visit(request, `${base}${path}`);
    expect(first.status, `${base}${path}`).toBe(200);
    expect(first.body).toContain(event.title);
    // Polled: a store into Redis may be slower than the next request (then it renders again, by design).
    await expect
      .poll(async () => (await visit(request, `${base}${path}`)).cache, { message: `${base}${path} is served from the page cache`, timeout: 5_000 })
      .toBe("hit");
  }
}

async function unpublishAsAdmin(page: Page, base: string, title: string) {
  await page.goto(`${base}/admin/events?q=${encodeURIComponent(title)}&status=PUBLISHED`);
  const row = page.getByRole("row").filter({ hasText: title }).first();
  await row.getByText("Unpublish", { exact: false }).first().click(); // opens the reason form
  await row.getByLabel("Reason").fill("Checked by the two-instance test");
  await row.getByRole("button", { name: /^Unpublish/ }).click();
  await expect(page.getByText("Done: unpublish.")).toBeVisible({ timeout: 20_000 });
}

async function renameAsAdmin(page: Page, base: string, event: TInsertedEvent, title: string) {
  await page.goto(`${base}/admin/events/${event.id}/edit`);
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Save changes" }).click();
  // Generous: a fresh instance's first server action and render can be slow on a busy machine.
  await expect(page).toHaveURL(/\?done=saved$/, { timeout: 20_000 });
  await expect(page.getByText("Changes saved.")).toBeVisible();
}

async function failedSignIn(page: Page, base: string, email: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Log in" }).click();
}

test.describe.serial("two app instances sharing PostgreSQL and Redis", () => {
  // Two servers, one of them fresh (its first renders are slow), on a shared machine.
  test.describe.configure({ timeout: 90_000 });

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    await clearRateLimits();
    // No REDIS_KEY_PREFIX of its own (unlike timezone.spec.ts): B is a true second instance of A.
    b = await startExtraServer({ port: PORT_B, timeoutMs: 60_000 });
    B = b.baseURL;
    // A fresh server's first render of each route is slow: take it here, not inside the one-second windows below.
    for (const base of [A, B]) for (const path of ["/", "/events/no-such-event-here"]) await fetch(`${base}${path}`).then((response) => response.arrayBuffer());
  });

  test.afterEach(async ({}, testInfo) => {
    // B's log, for a failure that happened there.
    if (testInfo.status !== testInfo.expectedStatus && (b as TExtraServer | undefined)) {
      await testInfo.attach("server B output", { body: b.output(), contentType: "text/plain" });
      console.log(`--- server B (${B}), last lines ---\n${b.output().slice(-3_000)}`);
    }
  });

  test.afterAll(async () => {
    await (b as TExtraServer | undefined)?.stop(); // unset when beforeAll failed
    await deleteInsertedData();
    await clearRateLimits();
    await closeDb();
  });

  test("a change made through one instance shows on the other within one second, both ways", async ({ page, request }) => {
    const word = uniqueWord("cluster");
    const first = await insertEvent({ title: `Cluster Probe ${word}`, startsAt: tenInTheMorning(5) });
    const word2 = uniqueWord("cluster");
    const second = await insertEvent({ title: `Cluster Probe ${word2}`, startsAt: tenInTheMorning(6) }); // the edit form takes 15-minute steps
    await clearPublicCaches();
    await logInAsAdmin(page); // on A

    // A → B: B holds the listing and the page; the admin unpublishes the event through A.
    await warm(request, B, first, word);
    await unpublishAsAdmin(page, A, first.title);
    await expect
      .poll(
        async () => {
          const [listing, eventPage] = await Promise.all([visit(request, `${B}/?q=${word}`), visit(request, `${B}/events/${first.slug}`)]);
          return { listed: listing.body.includes(first.title), eventPage: eventPage.status };
        },
        { message: `B follows A's change within ${PROPAGATION_MS} ms`, timeout: PROPAGATION_MS, intervals: [50] },
      )
      .toEqual({ listed: false, eventPage: 404 });

    // B → A: A holds the listing and the page; the admin (same cookie) renames the event through B.
    await warm(request, A, second, word2);
    const renamed = `Cluster Renamed ${word2}`;
    await renameAsAdmin(page, B, second, renamed);
    await expect
      .poll(
        async () => {
          const [listing, eventPage] = await Promise.all([visit(request, `${A}/?q=${word2}`), visit(request, `${A}/events/${second.slug}`)]);
          return { listed: listing.body.includes(renamed), eventPage: eventPage.body.includes(renamed) && !eventPage.body.includes(second.title) };
        },
        { message: `A follows B's change within ${PROPAGATION_MS} ms`, timeout: PROPAGATION_MS, intervals: [50] },
      )
      .toEqual({ listed: true, eventPage: true });
  });

  test("a session created on one instance is valid on the other, and signing out on the other ends it on both", async ({ page, context }) => {
    await logInAsAdmin(page); // on A
    const sessionCookie = (await context.cookies(A)).find((cookie) => cookie.name.includes("session-token"));
    expect(sessionCookie, "A set a session cookie").toBeDefined();
    // Cookies are per host, not per port: the browser sends A's cookie to B.
    expect((await context.cookies(B)).map((cookie) => cookie.value)).toContain(sessionCookie!.value);

    await page.goto(`${B}/admin`);
    await expect(page).toHaveURL(`${B}/admin`);
    await expect(page.getByRole("heading", { level: 1, name: "Admin dashboard" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(`${B}/`);

    // Signing out on B deleted the session from Redis: the old cookie no longer opens A.
    await context.addCookies([sessionCookie!]);
    await page.goto(`${A}/admin`);
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin/);
  });

  test("a saved list made on one instance is the same list on the other: Save on A, /saved and Remove on B", async ({ page }) => {
    const word = uniqueWord();
    const event = await insertEvent({ title: `Cluster Kirtan ${word}`, startsAt: tenInTheMorning(3) });
    await page.goto(`${A}/events/${event.slug}`);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status")).toContainText(`Saved: ${event.title}`);

    await page.goto(`${B}/saved`);
    const upcoming = page.getByRole("region", { name: "Upcoming" });
    await expect(upcoming.getByRole("heading", { level: 3, name: event.title })).toBeVisible();
    await upcoming.getByRole("listitem").filter({ hasText: event.title }).getByRole("button", { name: "Remove" }).click();
    await expect(page.getByRole("status")).toContainText(`Removed: ${event.title}`);

    await page.goto(`${A}/saved`);
    await expect(page.getByText("Nothing saved yet.")).toBeVisible();
  });

  test("a subscriber's list and calendar feed are the same on both instances; Remove on B shows on A at once", async ({ page, request }) => {
    const word = uniqueWord();
    const event = await insertEvent({ title: `Cluster Cacao ${word}`, startsAt: tenInTheMorning(4) });
    const token = randomBytes(32).toString("base64url");
    const [subscriber] = await query<{ id: string }>(
      `INSERT INTO subscribers (id, email, token, language, confirmed_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'en', now(), now()) RETURNING id`,
      [`cluster-${word}@example.test`, token],
    );
    await query(`INSERT INTO saved_events (subscriber_id, event_id, confirmed_at) VALUES ($1, $2, now())`, [subscriber!.id, event.id]);

    for (const base of [A, B]) {
      const feed = await request.get(`${base}/saved/${token}.ics`);
      expect(feed.status(), base).toBe(200);
      expect(await feed.text(), base).toContain(`SUMMARY:${event.title}`);
    }
    await page.goto(`${B}/saved/${token}`);
    await page.getByRole("listitem").filter({ hasText: event.title }).getByRole("button", { name: "Remove" }).click();
    await page.goto(`${A}/saved/${token}`);
    await expect(page.getByRole("heading", { level: 3, name: event.title })).toHaveCount(0);
    expect(await (await request.get(`${A}/saved/${token}.ics`)).text()).not.toContain(event.title);
    await query("DELETE FROM subscribers WHERE id = $1", [subscriber!.id]);
  });

  test("the sign-in limit (5 per 15 minutes per email and IP) counts attempts made on both instances", async ({ page }) => {
    await clearRateLimits();
    const email = `cluster.${uniqueWord()}@example.test`;
    const refused = /Too many attempts, try again in \d+ minutes?\./; // lib/auth/log-in-messages.ts
    for (const [base, attempt] of [
      [A, 1],
      [A, 2],
      [A, 3],
      [B, 4],
      [B, 5],
    ] as const) {
      await failedSignIn(page, base, email);
      await expect(page.getByText("Email or password is incorrect."), `attempt ${attempt} on ${base} is counted, not refused`).toBeVisible();
    }
    // The sixth attempt, the third on B: B alone has seen only three.
    await failedSignIn(page, B, email);
    await expect(page.getByText(refused)).toBeVisible();
    // And A refuses too.
    await failedSignIn(page, A, email);
    await expect(page.getByText(refused)).toBeVisible();
  });
});
