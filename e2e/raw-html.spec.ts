/**
 * The raw HTML of every public page, fetched without JavaScript as a crawler
 * or a chat app's link preview does: complete in one pass (description, Open
 * Graph and canonical in the <head>), and without a framework script, for a
 * browser's, WhatsApp's and Googlebot's user agent alike. The page cache
 * serves one copy to everyone, so each user agent is also tried as the FIRST
 * visitor of a page (the one whose render is kept).
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { clearPublicCaches, closeDb, DAY, deleteInsertedData, demoCreatorId, query } from "./support/db";
import { insertEvent, uniqueWord } from "./support/db";

const USER_AGENTS = {
  browser: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36",
  whatsapp: "WhatsApp/2.23.20.0 A",
  googlebot: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  telegram: "TelegramBot (like TwitterBot)",
};

let paths: string[] = [];

test.beforeAll(async () => {
  const mine = await insertEvent({
    title: `Full Moon Sound Journey ${uniqueWord()}`,
    description: "Gongs, bowls and a quiet night in Ubud.",
    startsAt: new Date(Date.now() + 4 * DAY),
    location: "ubud",
  });
  const seeded = await query<{ slug: string }>(
    "SELECT slug FROM events WHERE status = 'PUBLISHED' AND deleted_at IS NULL AND ends_at > now() AND slug <> $1 ORDER BY starts_at LIMIT 3",
    [mine.slug],
  );
  paths = [
    "/",
    "/?location=ubud",
    "/calendar",
    "/calendar/month",
    `/events/${mine.slug}`,
    ...seeded.map((row) => `/events/${row.slug}`),
    `/creators/${await demoCreatorId()}`,
  ];
});

test.afterAll(async () => {
  await deleteInsertedData();
  await closeDb();
});

/** The <head> of a page and whether anything in it or the body is a script that would run. */
async function rawPage(request: APIRequestContext, path: string, userAgent: string) {
  const response = await request.get(path, { headers: { "user-agent": userAgent, accept: "text/html" } });
  expect(response.status(), path).toBe(200);
  const html = await response.text();
  const head = /<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? "";
  const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((match) => match[1]!).filter((attributes) => !/type="application\/ld\+json"/.test(attributes));
  return { html, head, scripts, csp: response.headers()["content-security-policy"] ?? "" };
}

for (const [name, userAgent] of Object.entries(USER_AGENTS)) {
  test(`as ${name}, first visitor and from the cache: description, Open Graph and canonical in the head; no script`, async ({ request }) => {
    await clearPublicCaches();
    for (const round of ["first visitor", "from the cache"]) {
      for (const path of paths) {
        const page = await rawPage(request, path, userAgent);
        const where = `${path} (${name}, ${round})`;
        expect(page.head, where).toMatch(/<meta name="description" content="[^"]{20,}"/);
        expect(page.head, where).toMatch(/<meta property="og:description" content="[^"]{20,}"/);
        expect(page.head, where).toMatch(/<meta property="og:title" content="[^"]+"/);
        expect(page.head, where).toMatch(/<link rel="canonical" href="http[^"]+"/);
        expect(page.scripts, where).toEqual([]);
        expect(page.html, where).not.toContain("$RC(");
        expect(page.html, where).not.toMatch(/<template\b/);
        expect(page.csp, where).toContain("script-src 'none'");
      }
    }
  });
}
