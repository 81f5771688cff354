import { expect, test } from "@playwright/test";
import { clearPublicCaches, closeDb, DAY, deleteInsertedData, insertEvent, uniqueWord } from "./support/db";

test.afterAll(async () => {
  await deleteInsertedData();
  await closeDb();
});

test("a visitor saves events without an account: Save on a card and on an event page, /saved lists them, Remove takes one off", async ({ page }) => {
  const word = uniqueWord();
  const soon = await insertEvent({ title: `Cacao Circle ${word}`, startsAt: new Date(Date.now() + 2 * DAY), location: "canggu" });
  const later = await insertEvent({ title: `Kirtan Night ${word}`, startsAt: new Date(Date.now() + 6 * DAY), location: "canggu" });
  const past = await insertEvent({ title: `Old Market ${word}`, startsAt: new Date(Date.now() - 3 * DAY), location: "canggu" });
  await clearPublicCaches();

  // From a listing card: lands on /saved with "Saved: <title>" and a link back to the listing.
  await page.goto(`/?q=${word}`);
  await page.getByTestId("event-card").filter({ hasText: later.title }).getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/saved\?saved=/);
  await expect(page.getByRole("heading", { level: 1, name: "Saved events" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`Saved: ${later.title}`);
  await expect(page.getByRole("status").getByRole("link", { name: "Back" })).toHaveAttribute("href", `/?q=${word}`);

  // From an event page; saving the same one again changes nothing.
  await page.goto(`/events/${soon.slug}`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(`Saved: ${soon.title}`);
  await page.goto(`/events/${soon.slug}`);
  await page.getByRole("button", { name: "Save", exact: true }).click();

  // A past event goes under "Past" (saved through the form directly: it is no longer listed).
  await page.evaluate((slug) => {
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/saved/add";
    const field = document.createElement("input");
    field.name = "event";
    field.value = slug;
    form.append(field);
    document.body.append(form);
    form.submit();
  }, past.slug);
  await expect(page.getByRole("status")).toContainText(`Saved: ${past.title}`);

  const upcoming = page.getByRole("region", { name: "Upcoming" });
  await expect(upcoming.getByRole("heading", { level: 3 })).toHaveText([soon.title, later.title]);
  await expect(page.getByRole("region", { name: "Past" }).getByRole("heading", { level: 3 })).toHaveText([past.title]);
  await expect(page.getByText("3 saved events")).toBeVisible();

  await upcoming.getByRole("listitem").filter({ hasText: soon.title }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("status")).toContainText(`Removed: ${soon.title}`);
  await expect(page.getByRole("region", { name: "Upcoming" }).getByRole("heading", { level: 3 })).toHaveText([later.title]);

  // The list survives a new page load (a cookie, not the session).
  await page.goto("/saved");
  await expect(page.getByRole("region", { name: "Upcoming" }).getByRole("heading", { level: 3 })).toHaveText([later.title]);
});

test("in Russian: «Сохранить» on /ru, then /ru/saved says «Сохранено: …»; the listing stays one cached page for everyone", async ({ page, request }) => {
  const word = uniqueWord();
  const event = await insertEvent({ title: `Breathwork ${word}`, startsAt: new Date(Date.now() + 3 * DAY) });
  await clearPublicCaches();
  const path = `/ru?q=${word}`;
  const before = await request.get(path, { headers: { accept: "text/html" } });
  expect(before.headers()["x-zenbali-cache"]).toBe("miss");

  await page.goto(path);
  await page.getByTestId("event-card").filter({ hasText: event.title }).getByRole("button", { name: "Сохранить" }).click();
  await expect(page).toHaveURL(/\/ru\/saved\?saved=/);
  await expect(page.getByRole("heading", { level: 1, name: "Сохранённые события" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`Сохранено: ${event.title}`);
  await expect(page.getByRole("status").getByRole("link", { name: "Назад" })).toHaveAttribute("href", path);

  // With the saved cookie the listing is still the cached copy, byte for byte.
  const cookie = (await page.context().cookies()).find((entry) => entry.name === "zb_saved");
  expect(cookie?.httpOnly).toBe(true);
  const withCookie = await request.get(path, { headers: { accept: "text/html", cookie: `zb_saved=${cookie!.value}` } });
  expect(withCookie.headers()["x-zenbali-cache"]).toBe("hit");
  expect(await withCookie.text()).toBe(await (await request.get(path, { headers: { accept: "text/html" } })).text());
});

test("attacks: a post from another site is refused and leaves the list alone; /saved?back= never links off the site", async ({ page, request }) => {
  const word = uniqueWord();
  const event = await insertEvent({ title: `Sound Bath ${word}`, startsAt: new Date(Date.now() + 3 * DAY) });
  const crossSite = await request.post("/saved/add", { form: { event: event.slug }, headers: { origin: "https://evil.example" }, maxRedirects: 0 });
  expect(crossSite.status()).toBe(403);
  expect(crossSite.headers()["set-cookie"]).toBeUndefined();
  expect((await request.post("/saved/add", { form: { nothing: "here" }, maxRedirects: 0 })).status()).toBe(400);

  await page.goto(`/saved?saved=${event.slug}&back=//evil.example/x`);
  await expect(page.getByRole("status")).toContainText(`Saved: ${event.title}`);
  await expect(page.getByRole("status").getByRole("link")).toHaveCount(0);
  // A draft's title is never shown from the URL.
  const draft = await insertEvent({ title: `Hidden Draft ${word}`, startsAt: new Date(Date.now() + 3 * DAY), status: "DRAFT" });
  await page.goto(`/saved?saved=${draft.slug}`);
  await expect(page.getByText(draft.title)).toHaveCount(0);
});
