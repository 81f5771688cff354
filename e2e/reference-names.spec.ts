import { expect, test } from "@playwright/test";
import { logInAsAdmin } from "./support/admin";
import { clearPublicCaches, closeDb, DAY, deleteInsertedData, insertEvent, query, uniqueWord } from "./support/db";

/** The event type this spec adds, removed again at the end (with its event) so other specs see the seeded list. */
let addedType: string | null = null;

test.afterAll(async () => {
  await deleteInsertedData();
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
