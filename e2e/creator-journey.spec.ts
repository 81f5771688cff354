/**
 * The creators issue's whole journey in one test, as a new organiser would
 * live it: register, read the verification mail (delivered over SMTP by the
 * worker), verify, sign in, post an event with a picture, publish it, find it
 * as a visitor, edit it and see the change, sign out — and the old cookie is dead.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { expect, test } from "@playwright/test";
import { latestMailTo, linkIn, logIn, register } from "./support/creator";
import { baliDate, clearRateLimits, closeDb, DAY, uniqueWord } from "./support/db";

test("a new organiser goes from registration to a live, edited event, then signs out for good", async ({ page, context, browser }) => {
  test.setTimeout(90_000);
  await clearRateLimits();
  const word = uniqueWord("journey");
  const creator = { name: "Komang Journey", email: `journey.${Date.now()}@example.test`, password: "frangipani at the morning market" };
  const title = `Full Moon Kirtan ${word}`;
  const fixtures = await mkdtemp(path.join(tmpdir(), "zb-journey-"));
  const picture = path.join(fixtures, "kirtan.jpg");
  await sharp({ create: { width: 1600, height: 1000, channels: 3, background: "#c2410c" } })
    .jpeg()
    .toFile(picture);

  try {
    await register(page, creator);
    const mail = await latestMailTo(creator.email);
    expect(mail).toContain("Subject: Verify your email for Zen Bali");
    await page.goto(linkIn(mail, "/verify-email"));
    await expect(page.getByRole("heading", { name: "Your email is verified" })).toBeVisible();
    await logIn(page, creator);

    await page.getByRole("link", { name: "Post a new event" }).first().click();
    await expect(page).toHaveURL(/\/dashboard\/events\/new$/);
    const field = (label: string) => page.getByLabel(label, { exact: true });
    await field("Title").fill(title);
    await field("Description").fill("Chanting under the full moon. Bring a cushion.");
    await field("Start date").fill(baliDate(new Date(Date.now() + 9 * DAY)));
    await field("Start time").selectOption("19:30");
    await field("Location").selectOption({ label: "Ubud" });
    await field("Venue name").fill("Bale Banjar");
    await field("Event type").selectOption({ label: "Music Concert" });
    await field("Entrance type").selectOption({ label: "Free" });
    await field("Cover image").setInputFiles(picture);
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page).toHaveURL(/\/dashboard\?notice=published$/);
    await expect(page.getByText("Your event is live.")).toBeVisible();

    // A visitor finds it by searching its title, with its picture.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto("/");
    await visitor.getByLabel("Search").fill(title);
    await visitor.getByRole("button", { name: "Apply filters" }).click();
    const card = visitor.getByTestId("event-card").filter({ hasText: title });
    await expect(card).toHaveCount(1);
    await expect(card.getByRole("img", { name: title })).toBeVisible();
    await card.getByRole("link", { name: title }).click();
    await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const eventUrl = visitor.url();

    // The organiser edits the title; the public page shows it at once.
    const renamed = `${title} (candlelit)`;
    await page.goto("/dashboard");
    await page.getByRole("row").filter({ hasText: title }).getByRole("link", { name: /^Edit/ }).click();
    await field("Title").fill(renamed);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(/\/dashboard\?notice=/);
    const editedAt = Date.now();
    await visitor.goto(eventUrl);
    await expect(visitor.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
    expect(Date.now() - editedAt).toBeLessThan(5_000);
    await visitor.context().close();

    // Signing out ends the session in Redis: the old cookie no longer opens the dashboard.
    const sessionCookie = (await context.cookies()).find((cookie) => cookie.name.includes("session-token"));
    expect(sessionCookie).toBeDefined();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    await context.addCookies([sessionCookie!]);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard/);
  } finally {
    await rm(fixtures, { recursive: true, force: true });
    await closeDb();
  }
});
