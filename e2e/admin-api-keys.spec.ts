/**
 * API keys end to end: an admin creates a key for a creator on /admin/api-keys
 * and reads it once; a program posts an event with it (201, on the public
 * listing at once), gets 422 / 401 / 429 as documented in docs/api.md; the
 * admin revokes the key and it gets 401. Creators and visitors are refused,
 * on the page and on its actions.
 */
import { expect, test, type APIRequestContext, type Locator } from "@playwright/test";
import { e2eServerEnv } from "../playwright.config";
import { logInAsAdmin } from "./support/admin";
import { logIn, register } from "./support/creator";
import { baliDate, clearRateLimits, closeDb, DAY, deleteInsertedData, insertCreator, query, uniqueWord } from "./support/db";

type TErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

let creatorId: string;
let creatorName: string;
let creatorEmail: string;

test.beforeAll(async () => {
  await clearRateLimits();
  creatorName = `Key Owner ${uniqueWord()}`;
  creatorId = await insertCreator({ name: creatorName });
  creatorEmail = (await query<{ email: string }>("SELECT email FROM users WHERE id = $1", [creatorId]))[0]!.email;
});

test.afterAll(async () => {
  await query("DELETE FROM api_keys WHERE user_id = $1", [creatorId]);
  await deleteInsertedData();
  await clearRateLimits();
  await closeDb();
});

function eventBody(title: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title,
    description: "Posted by a program with an API key.",
    startDate: baliDate(new Date(Date.now() + 6 * DAY)),
    startTime: "18:00",
    durationHours: 1,
    durationMinutes: 30,
    location: "canggu",
    venueName: "Beach Club Lawn",
    type: "MARKET BAZAAR",
    entrance: "Free",
    participantGroup: "open",
    contactEmail: "market@example.com",
    ...overrides,
  };
}

function postEvent(request: APIRequestContext, key: string | null, data: unknown) {
  return request.post("/api/v1/events", { headers: key ? { Authorization: `Bearer ${key}` } : {}, data });
}

/** Every field a form would submit (hidden server-action fields included), to replay it as someone else. */
function formFields(form: Locator): Promise<Record<string, string>> {
  return form.evaluate((element) =>
    Object.fromEntries(
      Array.from(new FormData(element as HTMLFormElement).entries(), ([name, value]) => [name, typeof value === "string" ? value : value.name]),
    ),
  );
}

function replay(request: APIRequestContext, fields: Record<string, string>) {
  return request.post("/admin/api-keys", { multipart: fields, headers: { Origin: e2eServerEnv.APP_URL }, maxRedirects: 0 });
}

test.describe("admin API keys", () => {
  test("a visitor is sent to /login and a creator gets 404 for /admin/api-keys", async ({ page, browser }) => {
    await page.goto("/admin/api-keys");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fapi-keys/);

    const context = await browser.newContext();
    const creatorPage = await context.newPage();
    const creator = { name: "Curious Creator", email: `keys.${uniqueWord()}@example.test`, password: "ricefield sunrise walk" };
    await register(creatorPage, creator);
    await logIn(creatorPage, creator);
    expect((await creatorPage.goto("/admin/api-keys"))?.status()).toBe(404);
    await expect(creatorPage.getByRole("heading", { name: "API keys" })).toHaveCount(0);
    await context.close();
  });

  const keyLifecycleTitle =
    "an admin creates a key shown once; it posts a published event, is rate limited, and gets 401 once revoked; " +
    "creators and visitors cannot run the actions";
  test(keyLifecycleTitle, async ({ page, request, browser }) => {
    test.setTimeout(90_000);
    const keyName = `E2E importer ${uniqueWord()}`;
    const forgedName = `Forged key ${uniqueWord()}`;
    await logInAsAdmin(page);
    await page.goto("/admin/api-keys");
    await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();

    // Creators and visitors replaying the create form get nothing.
    const createForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Create key" }) });
    await page.getByLabel("Name").fill(forgedName);
    await page.getByLabel("Creator").selectOption({ label: `${creatorName} (${creatorEmail})` });
    const forgedCreate = await formFields(createForm);

    await page.getByLabel("Name").fill(keyName);
    await page.getByLabel("Creator").selectOption({ label: `${creatorName} (${creatorEmail})` });
    await page.getByLabel("Scope").selectOption("events:write");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByText("Copy this key now. It will not be shown again.")).toBeVisible();
    const key = await page.getByLabel("New API key").inputValue();
    expect(key).toMatch(/^zb_live_[A-Za-z0-9_-]{43}$/);

    const row = page.getByRole("row").filter({ hasText: keyName });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("cell", { name: `${key.slice(0, 12)}…` })).toBeVisible();
    await expect(row.getByRole("cell", { name: "events:write" })).toBeVisible();
    await expect(row.getByRole("cell", { name: "Never" })).toBeVisible();
    await expect(row.getByText("Active", { exact: true })).toBeVisible();
    await expect(row.getByText(creatorEmail)).toBeVisible();

    // Shown once: not on the page any more after a reload, and only its hash is stored.
    await page.reload();
    await expect(page.getByText("Copy this key now.")).toHaveCount(0);
    expect(await page.content()).not.toContain(key);
    const stored = await query<{ key_hash: string; prefix: string }>("SELECT key_hash, prefix FROM api_keys WHERE name = $1", [keyName]);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.prefix).toBe(key.slice(0, 12));

    // The key posts a published event, on the public listing at once.
    const word = uniqueWord();
    const title = `Sunset Makers Market ${word}`;
    const created = await postEvent(request, key, eventBody(title));
    expect(created.status(), await created.text()).toBe(201);
    const { event } = (await created.json()) as {
      event: { slug: string; title: string; status: string; eventType: { slug: string }; location: { slug: string }; organiser: { id: string } };
    };
    expect(event).toMatchObject({
      title,
      status: "PUBLISHED",
      eventType: { slug: "market-bazaar" },
      location: { slug: "canggu" },
      organiser: { id: creatorId },
    });
    expect(created.headers()["location"]).toBe(`/api/events/${event.slug}`);
    expect(await (await request.get(`/api/events/${event.slug}`)).json()).toEqual(event);
    const visitor = await browser.newContext();
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(`/?q=${word}`);
    await expect(visitorPage.getByRole("link", { name: title }).first()).toBeVisible();

    // A bad body: 422 with a message per field. No key: 401.
    const invalid = await postEvent(request, key, eventBody(`Broken ${word}`, { location: "Atlantis", startTime: "18:10", contactEmail: "nope" }));
    expect(invalid.status()).toBe(422);
    const invalidError = ((await invalid.json()) as TErrorBody).error;
    expect(invalidError.code).toBe("invalid_input");
    expect(invalidError.fields).toMatchObject({ location: "Unknown location: Atlantis", startTime: expect.any(String), contactEmail: expect.any(String) });
    const anonymous = await postEvent(request, null, eventBody(`Anonymous ${word}`));
    expect(anonymous.status()).toBe(401);
    expect(anonymous.headers()["www-authenticate"]).toMatch(/^Bearer/);
    // Requests without a valid key count per IP, and say so with the same IETF headers.
    expect(anonymous.headers()["ratelimit-limit"]).toBe("120");
    expect(((await anonymous.json()) as TErrorBody).error.code).toBe("unauthorized");

    // The admin list now shows when the key was last used.
    await page.reload();
    await expect(page.getByRole("row").filter({ hasText: keyName }).getByRole("cell", { name: "Never" })).toHaveCount(0);

    // Rate limit per key (policy apiKey, 120 a minute): invalid bodies count too.
    let limited: Awaited<ReturnType<typeof postEvent>> | null = null;
    for (let sent = 0; sent < 140 && !limited; sent += 20) {
      const batch = await Promise.all(Array.from({ length: 20 }, () => postEvent(request, key, {})));
      for (const response of batch) expect([422, 429]).toContain(response.status());
      limited = batch.find((response) => response.status() === 429) ?? null;
    }
    expect(limited, "no 429 after 140 requests").not.toBeNull();
    expect(Number(limited!.headers()["retry-after"])).toBeGreaterThan(0);
    expect(limited!.headers()["ratelimit-remaining"]).toBe("0");
    expect(((await limited!.json()) as TErrorBody).error.code).toBe("rate_limited");

    // Creators and visitors replaying the admin's forms are refused and change nothing.
    const revokeForm = page.getByRole("row").filter({ hasText: keyName }).locator("form");
    const forgedRevoke = await formFields(revokeForm);
    const creatorContext = await browser.newContext();
    const creatorPage = await creatorContext.newPage();
    const creator = { name: "Forging Creator", email: `forger.${uniqueWord()}@example.test`, password: "ricefield sunrise walk" };
    await register(creatorPage, creator);
    await logIn(creatorPage, creator);
    for (const fields of [forgedRevoke, forgedCreate]) {
      expect((await replay(creatorContext.request, fields)).status()).toBe(404);
      const asVisitor = await replay(visitor.request, fields);
      expect(asVisitor.status()).toBeGreaterThanOrEqual(300);
      expect(asVisitor.status()).toBeLessThan(400);
      expect(asVisitor.headers()["location"]).toContain("/login");
    }
    await creatorContext.close();
    await visitor.close();
    const keys = await query<{ name: string; revoked_at: Date | null }>("SELECT name, revoked_at FROM api_keys WHERE user_id = $1", [creatorId]);
    expect(keys).toEqual([{ name: keyName, revoked_at: null }]);
    // The replays above were real action calls: the same fields from the admin do create that key.
    expect((await replay(page.request, forgedCreate)).status()).toBe(200);
    expect(await query("SELECT 1 FROM api_keys WHERE name = $1 AND user_id = $2", [forgedName, creatorId])).toHaveLength(1);

    // Revoke in the UI: the same key gets 401 at once.
    await page
      .getByRole("row")
      .filter({ hasText: keyName })
      .getByRole("button", { name: `Revoke ${keyName}` })
      .click();
    await expect(page.getByText(`API key revoked: ${keyName}.`)).toBeVisible();
    const revokedRow = page.getByRole("row").filter({ hasText: keyName });
    await expect(revokedRow.getByText("Revoked", { exact: true })).toBeVisible();
    await expect(revokedRow.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
    const refused = await postEvent(request, key, eventBody(`After revoke ${word}`));
    expect(refused.status()).toBe(401);
    expect(refused.headers()["www-authenticate"]).toMatch(/^Bearer/);

    // One audit row per create and per revoke, and one per event posted with the key.
    const audit = await query<{ action: string; actor_email: string }>(
      "SELECT action, actor_email FROM audit_log" +
        " WHERE (target_type = 'api_key' AND target_id = (SELECT id::text FROM api_keys WHERE name = $1))" +
        " OR (action = 'api.event.create' AND actor_email = $2) ORDER BY created_at",
      [keyName, creatorEmail],
    );
    expect(audit.map((entry) => entry.action)).toEqual(["api_key.create", "api.event.create", "api_key.revoke"]);
    expect(audit[1]!.actor_email).toBe(creatorEmail);
  });
});
