import { randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { Queue } from "bullmq";
import { Redis as IORedis } from "ioredis";
import { e2eServerEnv } from "../playwright.config";
import { E2E_REDIS_PREFIX, TEST_REDIS_URL } from "../tests/support/test-config";
import { latestMailTo } from "./support/creator";
import { closeDb, deleteInsertedData, demoCreatorId, insertEvent, query, uniqueWord } from "./support/db";

/**
 * The weekly digest for real (issue 13): the production server, the worker and the suite's SMTP server. Subscribers
 * and their alerts are written straight into the database (subscribing has its own spec); the digest runs as the
 * worker's "run" job, as the Thursday schedule starts it, for weeks far ahead so that no other spec's week is taken.
 */

const mailDir = path.resolve(e2eServerEnv.MAIL_DIR);
const DAY = 86_400_000;
const QUERY = "location=canggu&type=ecstatic-dance";
const weeks: string[] = [];

type TSubscriber = { id: string; email: string; token: string };

async function subscriber(name: string, alerts: ({ query: string } | { creatorId: string })[], language = "en"): Promise<TSubscriber> {
  const token = randomBytes(32).toString("base64url");
  const email = `alerts-${name}-${uniqueWord("")}@example.test`;
  // Their last digest was just now: only what is published from here on is news to them.
  const [row] = await query<{ id: string }>(
    `INSERT INTO subscribers (id, email, token, language, confirmed_at, digested_until, updated_at)
     VALUES (gen_random_uuid(), $1, $2, $3, now() - interval '1 day', now() - interval '1 second', now()) RETURNING id`,
    [email, token, language],
  );
  for (const alert of alerts) {
    await query(
      `INSERT INTO alerts (id, subscriber_id, kind, query, creator_id, key, confirmed_at)
       VALUES (gen_random_uuid(), $1, $2::"AlertKind", $3, $4, $5, now() - interval '1 day')`,
      "query" in alert
        ? [row!.id, "QUERY", alert.query, null, `query:${alert.query}`]
        : [row!.id, "CREATOR", null, alert.creatorId, `creator:${alert.creatorId}`],
    );
  }
  return { id: row!.id, email, token };
}

/** Runs the digest as the worker's scheduled job would, as if it were `at`; resolves when the run has finished. */
async function runDigest(at: Date): Promise<void> {
  const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue("digest", { connection, prefix: `${E2E_REDIS_PREFIX}bull` });
  try {
    await queue.add("run", { at: at.toISOString() });
  } finally {
    await queue.close();
    await connection.quit();
  }
  await expect
    .poll(async () => (await query<{ finished_at: Date | null }>("SELECT finished_at FROM digest_runs WHERE cutoff = $1", [at]))[0]?.finished_at ?? null, {
      timeout: 20_000,
    })
    .not.toBeNull();
  const [run] = await query<{ week: string }>("SELECT week FROM digest_runs WHERE cutoff = $1", [at]);
  weeks.push(run!.week);
}

async function mailCount(address: string): Promise<number> {
  return (await readdir(mailDir).catch(() => [] as string[])).filter((file) => file.includes(address.toLowerCase())).length;
}

test.afterAll(async () => {
  if (weeks.length) await query("DELETE FROM digest_runs WHERE week = ANY($1::text[])", [weeks]);
  await query("DELETE FROM subscribers WHERE email LIKE 'alerts-%@example.test'");
  await deleteInsertedData();
  await closeDb();
});

test.describe("the weekly digest", () => {
  test("an alert for ?location=canggu&type=ecstatic-dance gets the new matching event and not another; the one-click unsubscribe stops the next digest", async ({
    request,
  }) => {
    test.setTimeout(90_000);
    const leaving = await subscriber("leaving", [{ query: QUERY }]);
    const staying = await subscriber("staying", [{ query: QUERY }]);
    // The runs are far ahead (no other spec's week): the events are not ended then, and were published the day before
    // (a digest looks back four weeks at most).
    const firstCutoff = new Date(Date.now() + 400 * DAY);
    const startsAt = new Date(Date.now() + 420 * DAY);
    const publishedAt = new Date(firstCutoff.getTime() - DAY);
    const event = (title: string, location: string, eventType: string) =>
      insertEvent({ title: `${title} ${uniqueWord("")}`, location, eventType, startsAt, publishedAt });
    const matching = await event("Canggu Ecstatic Dance", "canggu", "ecstatic-dance");
    const elsewhere = await event("Ubud Ecstatic Dance", "ubud", "ecstatic-dance");
    const otherKind = await event("Canggu Yoga", "canggu", "yoga");

    await runDigest(firstCutoff);
    const mail = await latestMailTo(leaving.email);
    expect(mail).toMatch(/^Subject: 1 new event for you on Zen Bali$/m);
    expect(mail).toContain(matching.title);
    expect(mail).toContain(`/events/${matching.slug}`);
    expect(mail).not.toContain(elsewhere.title);
    expect(mail).not.toContain(otherKind.title);
    expect(mail).toContain(`Canggu · Ecstatic Dance: ${e2eServerEnv.APP_URL}/?${QUERY}`);
    expect(await latestMailTo(staying.email)).toContain(matching.title);

    // The mail's one-click unsubscribe, as a mail client sends it (RFC 8058): a POST with no cookie and no form of ours.
    const unsubscribe = new RegExp(`${e2eServerEnv.APP_URL}/alerts/[A-Za-z0-9_-]{43}/unsubscribe`).exec(mail)![0];
    expect(unsubscribe).toBe(`${e2eServerEnv.APP_URL}/alerts/${leaving.token}/unsubscribe`);
    const oneClick = () =>
      request.post(unsubscribe, { headers: { "content-type": "application/x-www-form-urlencoded" }, data: "List-Unsubscribe=One-Click", maxRedirects: 0 });
    const first = await oneClick();
    expect(first.status()).toBe(200);
    expect(await first.text()).toContain("You are unsubscribed");
    expect((await oneClick()).status()).toBe(200);

    // A week later: another matching event. The one who stayed hears of it; the one who left does not.
    const next = await insertEvent({
      title: `Canggu Ecstatic Dance Again ${uniqueWord("")}`,
      location: "canggu",
      eventType: "ecstatic-dance",
      startsAt,
      publishedAt: new Date(firstCutoff.getTime() + 3 * DAY),
    });
    await runDigest(new Date(firstCutoff.getTime() + 7 * DAY));
    await expect.poll(() => mailCount(staying.email), { timeout: 15_000 }).toBe(2);
    const second = await latestMailTo(staying.email);
    expect(second).toContain(next.title);
    expect(second).not.toContain(matching.title);
    expect(await mailCount(leaving.email)).toBe(1);
  });

  test("/alerts/<token>: the alerts in words, Delete, and Unsubscribe from everything", async ({ page }) => {
    const organiser = await demoCreatorId();
    const [organiserRow] = await query<{ name: string }>("SELECT coalesce(organisation, name) AS name FROM users WHERE id = $1", [organiser]);
    const name = organiserRow!.name;
    const person = await subscriber("manage", [{ query: QUERY }, { creatorId: organiser }]);
    await page.goto(`/alerts/${person.token}`);
    await expect(page.getByRole("heading", { level: 1, name: "Your alerts" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Canggu · Ecstatic Dance" })).toHaveAttribute("href", `/?${QUERY}`);
    await expect(page.getByRole("link", { name: `Posts by ${name}` })).toBeVisible();

    await page.getByRole("button", { name: `Delete the alert: Posts by ${name}` }).click();
    await expect(page.getByRole("status")).toHaveText("The alert is deleted.");
    await expect(page.getByRole("link", { name: `Posts by ${name}` })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Canggu · Ecstatic Dance" })).toBeVisible();

    await page.getByRole("button", { name: "Unsubscribe from everything" }).click();
    await expect(page.getByRole("status")).toHaveText("You are unsubscribed: Zen Bali will not email you again.");
    await expect(page.getByRole("button", { name: "Unsubscribe from everything" })).toHaveCount(0);
    const [row] = await query<{ unsubscribed_at: Date | null }>("SELECT unsubscribed_at FROM subscribers WHERE id = $1", [person.id]);
    expect(row!.unsubscribed_at).not.toBeNull();

    expect((await page.goto(`/alerts/${"A".repeat(43)}`))!.status()).toBe(404);
  });

  test("the unsubscribe link opened in a browser (in Russian) changes nothing until its one button is pressed", async ({ page }) => {
    const person = await subscriber("link", [{ query: QUERY }], "ru");
    await page.goto(`/ru/alerts/${person.token}/unsubscribe`);
    await expect(page).toHaveURL(new RegExp(`/ru/alerts/${person.token}/unsubscribe/confirm$`));
    await expect(page.getByRole("heading", { level: 1, name: "Отписаться от писем Zen Bali?" })).toBeVisible();
    await expect(page.locator("main").getByRole("button")).toHaveCount(1);
    const [before] = await query<{ unsubscribed_at: Date | null }>("SELECT unsubscribed_at FROM subscribers WHERE id = $1", [person.id]);
    expect(before!.unsubscribed_at).toBeNull();

    await page.getByRole("button", { name: "Отписаться" }).click();
    await expect(page).toHaveURL(new RegExp(`/ru/alerts/${person.token}\\?done=unsubscribed$`));
    await expect(page.getByRole("status")).toHaveText("Вы отписались: Zen Bali больше не будет вам писать.");
    await expect(page.getByRole("heading", { level: 1, name: "Ваши оповещения" })).toBeVisible();
  });
});
