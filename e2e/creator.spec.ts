/**
 * /creators/<id> — an organiser's public profile: name, organisation and their
 * upcoming published events (not drafts, not ended, not someone else's).
 */
import { expect, test } from "@playwright/test";
import {
  clearPublicCaches,
  closeDb,
  DAY,
  deleteInsertedData,
  demoCreatorId,
  HOUR,
  insertCreator,
  insertEvent,
  query,
  uniqueWord,
  type TInsertedEvent,
} from "./support/db";

let creatorId: string;
let soon: TInsertedEvent;
let later: TInsertedEvent;
let draft: TInsertedEvent;
let ended: TInsertedEvent;
const name = `Putu Organiser ${uniqueWord()}`;

test.beforeAll(async () => {
  creatorId = await insertCreator({ name, organisation: "E2E Sound Collective" });
  later = await insertEvent({ title: `Gong Bath Later ${uniqueWord()}`, startsAt: new Date(Date.now() + 20 * DAY), creatorId });
  soon = await insertEvent({ title: `Gong Bath Soon ${uniqueWord()}`, startsAt: new Date(Date.now() + 2 * DAY), creatorId, status: "CANCELLED" });
  draft = await insertEvent({ title: `Gong Bath Draft ${uniqueWord()}`, startsAt: new Date(Date.now() + 3 * DAY), creatorId, status: "DRAFT" });
  ended = await insertEvent({ title: `Gong Bath Ended ${uniqueWord()}`, startsAt: new Date(Date.now() - 30 * HOUR), creatorId });
  await clearPublicCaches();
});

test.afterAll(async () => {
  await deleteInsertedData();
  await closeDb();
});

test.describe("organiser profile", () => {
  test("shows the organiser's name, organisation and upcoming events, soonest first", async ({ page }) => {
    const response = await page.goto(`/creators/${creatorId}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByText("E2E Sound Collective", { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Upcoming events" })).toBeVisible();
    const cards = page.getByTestId("event-card");
    await expect(cards.getByRole("heading")).toHaveText([soon.title, later.title]);
    await expect(cards.first().getByText("Cancelled", { exact: true })).toBeVisible();
    await expect(page.getByText(draft.title)).toHaveCount(0);
    await expect(page.getByText(ended.title)).toHaveCount(0);
    await cards.getByRole("link", { name: later.title }).click();
    await expect(page).toHaveURL(new RegExp(`/events/${later.slug}$`));
  });

  test("is linked from the event page", async ({ page }) => {
    await page.goto(`/events/${later.slug}`);
    await page.getByRole("link", { name: "E2E Sound Collective" }).click();
    await expect(page).toHaveURL(new RegExp(`/creators/${creatorId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  });

  test("the seeded organiser lists all of their upcoming events", async ({ page }) => {
    const id = await demoCreatorId();
    const rows = await query<{ title: string }>(
      `SELECT title FROM events WHERE creator_id = $1 AND deleted_at IS NULL AND status IN ('PUBLISHED','CANCELLED') AND ends_at > now()
       ORDER BY starts_at, id`,
      [id],
    );
    expect(rows.length).toBeGreaterThanOrEqual(72);
    await page.goto(`/creators/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wayan Demo");
    await expect(page.getByText("Bali Mindful Events", { exact: true }).first()).toBeVisible();
    await expect(page.getByTestId("event-card").getByRole("heading")).toHaveText(rows.slice(0, 100).map((row) => row.title));
  });

  test("an unknown organiser is a real 404", async ({ page }) => {
    const response = await page.goto("/creators/00000000-0000-4000-8000-000000000000");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    expect((await page.goto("/creators/not-an-id"))?.status()).toBe(404);
  });

  test("an address that only looks like an id is a 404, not a server error", async ({ page }) => {
    // 36 characters of hex digits and dashes pass the page's pattern, but are no UUID.
    for (const id of ["0123456789abcdef0123456789abcdef0123", "------------------------------------"]) {
      const response = await page.goto(`/creators/${id}`);
      expect(response?.status(), id).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    }
  });
});
