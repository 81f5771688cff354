import { expect, test } from "@playwright/test";
import { logInAsAdmin } from "./support/admin";
import { clearPublicCaches, closeDb, DAY, deleteInsertedData, insertEvent, query, uniqueWord } from "./support/db";

/** The event type this spec adds, removed again at the end (with its event) so other specs see the seeded list. */
let addedType: string | null = null;

/** The seeded names of "Couples" in other languages, put back at the end. */
let couplesNames: string | null = null;

test.afterAll(async () => {
  await deleteInsertedData();
  if (couplesNames !== null) {
    await query("UPDATE participant_groups SET names = $1::jsonb WHERE slug = 'couples'", [couplesNames]);
    await clearPublicCaches();
  }
  if (addedType) {
    await query("DELETE FROM event_types t WHERE t.name = $1 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.event_type_id = t.id)", [addedType]);
    await clearPublicCaches();
  }
  await closeDb();
});

test("an admin gives an event type its Russian name on /admin/reference; /ru shows it in the filter form and on a card, / stays English", async ({
  page,
  browser,
}) => {
  const word = uniqueWord();
  const name = `Fire Ritual ${word}`;
  const russian = `Огненный ритуал ${word}`;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  addedType = name;

  await logInAsAdmin(page);
  await page.goto("/admin/reference?kind=event-types");
  const types = page.getByRole("region", { name: "Event types" });
  await types.getByLabel("New event type").fill(name);
  await types.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText(`Added “${name}”.`)).toBeVisible();

  const row = page.getByRole("region", { name: "Event types" }).getByRole("row").filter({ hasText: slug });
  await row.getByLabel(`Name (Русский) for ${name}`).fill(russian);
  await row.getByRole("button", { name: `Rename ${name}` }).click();
  await expect(page.getByText(`Saved the names of “${name}” in other languages.`)).toBeVisible();
  await expect(row.getByLabel(`Name (Русский) for ${name}`)).toHaveValue(russian);
  await expect(row.getByLabel(`Name (Bahasa Indonesia) for ${name}`)).toHaveValue("");

  const event = await insertEvent({ title: `Fire Night ${word}`, startsAt: new Date(Date.now() + 2 * DAY), eventType: slug });
  await clearPublicCaches();

  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`/ru?type=${slug}`);
  await expect(visitorPage.locator("#filter-type option", { hasText: russian })).toHaveCount(1);
  const card = visitorPage.getByTestId("event-card").filter({ hasText: event.title });
  await expect(card).toContainText(russian);
  // No Indonesian name: English.
  await visitorPage.goto(`/id?type=${slug}`);
  await expect(visitorPage.getByTestId("event-card").filter({ hasText: event.title })).toContainText(name);
  await visitorPage.goto(`/?type=${slug}`);
  await expect(visitorPage.locator("#filter-type option", { hasText: name })).toHaveCount(1);
  await expect(visitorPage.getByTestId("event-card").filter({ hasText: event.title })).toContainText(name);
  await expect(visitorPage.getByText(russian)).toHaveCount(0);
  await visitor.close();
});

test("participant groups are fixed, but an admin changes their Russian name on /admin/reference; an event page on /ru shows it", async ({ page, browser }) => {
  const word = uniqueWord();
  const russian = `Для двоих ${word}`;
  couplesNames = JSON.stringify((await query<{ names: unknown }>("SELECT names FROM participant_groups WHERE slug = 'couples'"))[0]!.names);

  await logInAsAdmin(page);
  await page.goto("/admin/reference");
  const groups = page.getByRole("region", { name: "Participant groups" });
  await expect(groups.getByText("only their names in other languages can change")).toBeVisible();
  // Nothing to add, rename, move or deactivate.
  await expect(groups.getByRole("button", { name: "Add", exact: true })).toHaveCount(0);
  await expect(groups.getByRole("button", { name: /^Rename|^Deactivate|^Move/ })).toHaveCount(0);
  const row = groups.getByRole("row").filter({ hasText: "couples" });
  await row.getByLabel("Name (Русский) for Couples").fill(russian);
  await row.getByRole("button", { name: "Save names of Couples" }).click();
  await expect(page.getByText("Saved the names of “Couples” in other languages.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Participant groups" }).getByLabel("Name (Русский) for Couples")).toHaveValue(russian);

  const event = await insertEvent({ title: `Tantra Evening ${word}`, startsAt: new Date(Date.now() + 2 * DAY), participantGroup: "couples" });
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`/ru/events/${event.slug}`);
  await expect(visitorPage.getByRole("heading", { level: 1, name: event.title })).toBeVisible();
  await expect(visitorPage.getByText(russian, { exact: true })).toBeVisible();
  await visitorPage.goto(`/events/${event.slug}`);
  await expect(visitorPage.getByText("Couples", { exact: true })).toBeVisible();
  await visitor.close();
});

test("an admin changes a closed day's Russian name after adding it; the English name stays", async ({ page }) => {
  const word = uniqueWord();
  const date = new Date(Date.now() + 900 * DAY).toISOString().slice(0, 10);
  const name = `Galungan ${word}`;
  await logInAsAdmin(page);
  await page.goto("/admin/reference?kind=closed-days");
  const add = page.getByRole("form", { name: "Add a closed day" });
  await add.getByLabel("Date").fill(date);
  await add.getByLabel("Name", { exact: true }).fill(name);
  await add.getByRole("button", { name: "Add closed day" }).click();
  await expect(page.getByText(`${name} added`)).toBeVisible();

  const closedDays = page.getByRole("region", { name: "Closed days" });
  await closedDays.getByLabel(`Name (Русский) for ${name} (${date})`).fill(`Галунган ${word}`);
  await closedDays.getByRole("button", { name: `Save names of ${name} (${date})` }).click();
  await expect(page.getByText(`Saved the names of “${name}” in other languages.`)).toBeVisible();
  await expect(page.getByRole("region", { name: "Closed days" }).getByLabel(`Name (Русский) for ${name} (${date})`)).toHaveValue(`Галунган ${word}`);
  await expect(page.getByRole("region", { name: "Closed days" }).getByRole("cell", { name, exact: true })).toBeVisible();

  await page
    .getByRole("region", { name: "Closed days" })
    .getByRole("button", { name: `Remove ${name} (${date})` })
    .click();
  await expect(page.getByText(`Removed the closed day “${name}”`)).toBeVisible();
});
