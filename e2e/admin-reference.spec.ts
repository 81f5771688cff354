import { expect, test } from "@playwright/test";
import { logInAsAdmin } from "./support/admin";
import { logIn, register } from "./support/creator";
import { clearPublicCaches, clearRateLimits, closeDb, query, uniqueWord } from "./support/db";

/** Locations this spec adds, removed again at the end (none has events) so other specs see the seeded list. */
const added: string[] = [];

test.afterAll(async () => {
  if (added.length) {
    await query("DELETE FROM locations l WHERE l.name = ANY($1) AND NOT EXISTS (SELECT 1 FROM events e WHERE e.location_id = l.id)", [added]);
    await clearPublicCaches();
  }
  await closeDb();
});

test.describe("admin reference data", () => {
  const addAndDeactivateTitle =
    "an admin adds a location, visitors can filter by it at once, a duplicate is refused (page and JSON 409), and deactivating removes it from the filter";
  test(addAndDeactivateTitle, async ({ page, browser }) => {
    const name = `Desa ${uniqueWord()}`;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    added.push(name);

    await logInAsAdmin(page);
    await page.goto("/admin/reference");
    await expect(page.getByRole("heading", { level: 1, name: "Reference data" })).toBeVisible();
    for (const heading of ["Locations", "Event types", "Entrance types"]) {
      await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
    }
    const locations = page.getByRole("region", { name: "Locations" });
    await expect(locations.getByRole("row").filter({ hasText: "Ubud" }).getByRole("button", { name: "Move Ubud up" })).toBeDisabled();
    await expect(locations.getByRole("row").filter({ hasText: "Canggu" }).getByRole("button", { name: "Move Canggu up" })).toBeEnabled();

    await locations.getByLabel("New location").fill(name);
    await locations.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByText(`Added “${name}”.`)).toBeVisible();
    const row = page.getByRole("region", { name: "Locations" }).getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(slug);
    await expect(row.getByText("Active", { exact: true })).toBeVisible();
    await expect(row.getByLabel("Name")).toHaveValue(name);

    // A visitor (a separate browser, no cookies) sees it in the Location filter and in /api/locations.
    const visitor = await browser.newContext();
    const visitorPage = await visitor.newPage();
    await visitorPage.goto("/");
    await expect(visitorPage.getByLabel("Location").locator("option", { hasText: name })).toHaveCount(1);
    const publicList = (await (await visitorPage.request.get("/api/locations")).json()) as { locations: { name: string; slug: string }[] };
    expect(publicList.locations).toContainEqual(expect.objectContaining({ name, slug }));
    // Visitors cannot use the admin JSON route.
    expect((await visitorPage.request.post("/api/admin/reference/locations", { data: { name: `Desa ${uniqueWord()}` } })).status()).toBe(401);

    // The same name again, in other case: refused with the message, on the page…
    await page.getByRole("region", { name: "Locations" }).getByLabel("New location").fill(name.toUpperCase());
    await page.getByRole("region", { name: "Locations" }).getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByText(`A location named “${name}” already exists.`)).toBeVisible();
    // …and by the JSON route with 409 (page.request carries the admin's cookies).
    const duplicate = await page.request.post("/api/admin/reference/locations", { data: { name } });
    expect(duplicate.status()).toBe(409);
    expect(await duplicate.json()).toMatchObject({ error: { code: "conflict", message: `A location named “${name}” already exists.` } });

    // Deactivate: still listed for the admin as Inactive, gone from the visitor's filter.
    await row.getByRole("button", { name: `Deactivate ${name}` }).click();
    await expect(page.getByText(`Deactivated “${name}”`)).toBeVisible();
    await expect(row.getByText("Inactive", { exact: true })).toBeVisible();
    await expect(row.getByRole("button", { name: `Reactivate ${name}` })).toBeVisible();
    await visitorPage.goto("/");
    await expect(visitorPage.getByLabel("Location").locator("option", { hasText: name })).toHaveCount(0);
    await expect(visitorPage.getByLabel("Location").locator("option", { hasText: "Ubud" })).toHaveCount(1);
    await visitor.close();
  });

  test("a visitor is sent to /login and a creator gets a 404, on the reference and system pages and the JSON route", async ({ page }) => {
    for (const path of ["/admin/reference", "/admin/system"]) {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`/login\\?callbackUrl=${encodeURIComponent(path)}$`));
    }

    await clearRateLimits();
    const creator = { name: "Reference Outsider", email: `ref.${uniqueWord()}@example.test`, password: "ricefield sunrise walk" };
    await register(page, creator);
    await logIn(page, creator);
    for (const path of ["/admin/reference", "/admin/reference?kind=event-types", "/admin/system"]) {
      expect((await page.goto(path))?.status()).toBe(404);
    }
    const name = `Desa ${uniqueWord()}`;
    const refused = await page.request.post("/api/admin/reference/locations", { data: { name } });
    expect(refused.status()).toBe(404);
    expect((await page.request.patch("/api/admin/reference/locations/1", { data: { isActive: false } })).status()).toBe(404);
    expect(await query("SELECT 1 FROM locations WHERE name = $1", [name])).toHaveLength(0);
  });
});
