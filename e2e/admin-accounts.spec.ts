/**
 * Admin: creating and editing creators, password resets, ending sessions,
 * and editing any event (every field, its creator). Each refused to creators
 * (404) and visitors (sent to /login).
 */
import { expect, test, type Browser } from "@playwright/test";
import { logInAsAdmin } from "./support/admin";
import { latestMailTo, linkIn, logIn } from "./support/creator";
import { clearPublicCaches, closeDb, DAY, deleteInsertedData, insertCreator, insertEvent, query, uniqueWord } from "./support/db";

const PASSWORD = "a calm sunrise over the rice fields";

/** The form offers start times in 15-minute steps. */
const daysAhead = (days: number) => new Date(Math.ceil((Date.now() + days * DAY) / 900_000) * 900_000);

test.afterAll(async () => {
  await deleteInsertedData();
  await closeDb();
});

/** Creates a verified creator through the admin form and returns their email. */
async function createCreatorAsAdmin(
  browser: Browser,
  name: string,
  { password, language }: { password?: string; language?: string } = {},
): Promise<{ email: string; id: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logInAsAdmin(page);
  await page.goto("/admin/creators");
  await page.getByRole("link", { name: "Create creator" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create creator" })).toBeVisible();
  const email = `${uniqueWord("adm")}@example.com`;
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  if (password) await page.getByLabel("Password (optional)").fill(password);
  if (language) await page.getByLabel("Language for emails").selectOption({ label: language });
  await page.getByLabel("Email verified").check();
  await page.getByRole("button", { name: "Create creator" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit creator" })).toBeVisible();
  const id = /\/admin\/creators\/([0-9a-f-]{36})\/edit/.exec(page.url())![1]!;
  await context.close();
  return { email, id };
}

test.describe("admin: creators", () => {
  test("an admin creates a creator who can then sign in; a duplicate email is refused with a message and nothing typed is lost", async ({ page, browser }) => {
    const { email } = await createCreatorAsAdmin(browser, "Wayan Created", { password: PASSWORD });

    const creator = await browser.newContext();
    const creatorPage = await creator.newPage();
    await logIn(creatorPage, { email, password: PASSWORD });
    await creator.close();

    await logInAsAdmin(page);
    await page.goto("/admin/creators/new");
    await page.getByLabel("Full name").fill("Someone Else");
    await page.getByLabel("Email", { exact: true }).fill(email.toUpperCase());
    await page.getByRole("button", { name: "Create creator" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\S/ }).first()).toContainText("Another account already uses this email.");
    await expect(page.getByLabel("Full name")).toHaveValue("Someone Else");
  });

  test("without a password the creator is emailed a link to choose one; the admin can send another reset", async ({ page, browser }) => {
    const { email, id } = await createCreatorAsAdmin(browser, "Nyoman Invited");
    expect(linkIn(await latestMailTo(email), "/reset-password")).toContain("token=");

    await logInAsAdmin(page);
    await page.goto(`/admin/creators/${id}/edit`);
    await page.getByRole("button", { name: "Send password reset" }).click();
    await expect(page.getByRole("status")).toContainText("password reset email sent");
    const rows = await query<{ count: string }>(`SELECT count(*) FROM audit_log WHERE target_id = $1 AND action = 'user.send_password_reset'`, [id]);
    expect(Number(rows[0]!.count)).toBe(1);
  });

  test("a creator made with “Language for emails” Русский gets the set-password mail in Russian; the edit form shows the choice", async ({ page, browser }) => {
    const { email, id } = await createCreatorAsAdmin(browser, "Ketut Russian", { language: "Русский" });
    const mail = await latestMailTo(email);
    expect(mail).toContain("Здравствуйте, Ketut Russian!");
    expect(linkIn(mail, "/ru/reset-password")).toContain("token=");

    await logInAsAdmin(page);
    await page.goto(`/admin/creators/${id}/edit`);
    await expect(page.getByLabel("Language for emails")).toHaveValue("ru");
    await page.getByLabel("Language for emails").selectOption({ label: "Bahasa Indonesia" });
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toContainText("Changes saved.");
    const rows = await query<{ language: string }>("SELECT language FROM users WHERE id = $1", [id]);
    expect(rows[0]!.language).toBe("id");
  });

  test("an admin edits a creator's name and email; the email must stay unique", async ({ page, browser }) => {
    const first = await createCreatorAsAdmin(browser, "Komang Before", { password: PASSWORD });
    const second = await createCreatorAsAdmin(browser, "Other Creator", { password: PASSWORD });
    await logInAsAdmin(page);
    await page.goto(`/admin/creators?q=${encodeURIComponent(first.email)}`);
    await page.getByRole("link", { name: `Edit ${first.email}` }).click();
    await page.getByLabel("Full name").fill("Komang After");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toContainText("Changes saved.");
    await page.goto(`/admin/creators?q=${encodeURIComponent(first.email)}`);
    await expect(page.getByRole("row").filter({ hasText: "Komang After" })).toBeVisible();

    await page.goto(`/admin/creators/${first.id}/edit`);
    await page.getByLabel("Email", { exact: true }).fill(second.email);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\S/ }).first()).toContainText("Another account already uses this email.");
  });

  test('"End all sessions" signs the creator out of their open browser on its next request', async ({ page, browser }) => {
    const { email } = await createCreatorAsAdmin(browser, "Gede Signed In", { password: PASSWORD });
    const creator = await browser.newContext();
    const creatorPage = await creator.newPage();
    await logIn(creatorPage, { email, password: PASSWORD });

    await logInAsAdmin(page);
    await page.goto(`/admin/creators?q=${encodeURIComponent(email)}`);
    await page.getByRole("button", { name: `End all sessions ${email}` }).click();
    await expect(page.getByRole("status")).toContainText("1 session ended");

    await creatorPage.goto("/dashboard");
    await expect(creatorPage).toHaveURL(/\/login/);
    await creator.close();
  });
});

test.describe("admin: editing any event", () => {
  test("an admin changes an event's title and reassigns it to another creator; the public page follows at once", async ({ page, browser }) => {
    const { email: newOwnerEmail } = await createCreatorAsAdmin(browser, "Ayu New Owner", { password: PASSWORD });
    const ownerId = await insertCreator({ name: "Original Owner" });
    const title = `Full Moon Circle ${uniqueWord()}`;
    const event = await insertEvent({ title, startsAt: daysAhead(6), creatorId: ownerId });
    await clearPublicCaches();

    await logInAsAdmin(page);
    await page.goto(`/admin/events?q=${encodeURIComponent(title)}`);
    await page.getByRole("link", { name: `Edit ${title}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Edit event" })).toBeVisible();
    const newTitle = `${title} Renamed`;
    await page.getByLabel("Title").fill(newTitle);
    await page.getByLabel("Creator email").fill(newOwnerEmail);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toContainText("Changes saved.");

    const visitor = await browser.newContext();
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(`/events/${event.slug}`);
    await expect(visitorPage.getByRole("heading", { level: 1, name: newTitle })).toBeVisible();
    await expect(visitorPage.getByText("Ayu New Owner").first()).toBeVisible();
    await visitor.close();

    const audit = await query<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1`, [event.id]);
    expect(audit.map((row) => row.action)).toEqual(["event.edit"]);
  });

  test("an unknown creator email is refused on the field, and the typed title is kept", async ({ page }) => {
    const title = `Kirtan Evening ${uniqueWord()}`;
    const event = await insertEvent({ title, startsAt: daysAhead(4) });
    await logInAsAdmin(page);
    await page.goto(`/admin/events/${event.id}/edit`);
    await page.getByLabel("Title").fill(`${title} Changed`);
    await page.getByLabel("Creator email").fill("nobody-here@example.com");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\S/ }).first()).toContainText("No creator has this email.");
    await expect(page.getByLabel("Title")).toHaveValue(`${title} Changed`);
  });
});

test.describe("admin account pages are refused to others", () => {
  const paths = async () => {
    const event = await insertEvent({ title: `Refusal Check ${uniqueWord()}`, startsAt: daysAhead(3) });
    const creatorId = await insertCreator({ name: "Refusal Target" });
    return ["/admin/creators/new", `/admin/creators/${creatorId}/edit`, `/admin/events/${event.id}/edit`];
  };

  test("a visitor is sent to /login", async ({ page }) => {
    for (const path of await paths()) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    }
  });

  test("a creator gets a 404", async ({ page, browser }) => {
    const { email } = await createCreatorAsAdmin(browser, "Curious Creator", { password: PASSWORD });
    await logIn(page, { email, password: PASSWORD });
    for (const path of await paths()) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
  });
});
