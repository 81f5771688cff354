/**
 * The light render path (docs/decisions/010-light-render-path-for-public-pages.md): an anonymous visitor's `/` is
 * rendered without Next, from the same components. It must be the page Next renders, script-free: a signed-in
 * visitor's request still goes to Next, so for each listing below the two are compared, after the page cache's own
 * strip of Next's scripts. What may differ is only what no visitor sees: React's text separators (`<!-- -->`), the
 * CSP nonce on the stylesheet link (a script-free page runs no script) and Next's empty metadata placeholder.
 */
import { expect, test } from "@playwright/test";
import { stripFrameworkScripts } from "../lib/page-cache/strip-framework-scripts";
import { logInAsAdmin } from "./support/admin";
import { clearPublicCaches, closeDb, DAY, deleteInsertedData, insertEvent, uniqueWord } from "./support/db";

const word = uniqueWord("lightpath");

test.beforeAll(async () => {
  for (let index = 0; index < 3; index++) {
    await insertEvent({ title: `Ecstatic dance ${word} ${index}`, description: "Barefoot, in Canggu.", startsAt: new Date(Date.now() + (index + 2) * DAY) });
  }
});

test.afterAll(async () => {
  await deleteInsertedData();
  await closeDb();
});

/** What a visitor can tell apart: everything but React's text separators, nonces and Next's empty metadata outlet. */
function visible(html: string): string {
  return html
    .replaceAll("<!-- -->", "")
    .replace(/ nonce="[^"]*"/g, "")
    .replace('<div hidden=""><!--$--><!--/$--></div>', "")
    .replace(/Visitors: [0-9,]+/, "Visitors: N");
}

const LISTINGS = [
  "/",
  "/?page=2",
  "/?location=ubud",
  "/?type=yoga&when=this-week&sort=newest",
  "/?price=free&entrance=free",
  `/?q=${word}`,
  "/?q=nothing-is-called-this-zzzz",
  "/?when=someday&page=abc",
  "/?from=2099-01-01",
];

test("an anonymous visitor's / is Next's page without its scripts, for every kind of listing", async ({ page, request }) => {
  await logInAsAdmin(page);
  await clearPublicCaches();
  for (const path of LISTINGS) {
    const anonymous = await request.get(path, { headers: { accept: "text/html" } });
    expect(anonymous.status(), path).toBe(200);
    expect(anonymous.headers()["x-zenbali-cache"], path).toBe("miss");
    const light = await anonymous.text();
    expect(light, path).not.toMatch(/<script/i);

    const signedIn = await page.request.get(path, { headers: { accept: "text/html" } });
    expect(signedIn.status(), path).toBe(200);
    expect(signedIn.headers()["x-zenbali-cache"], path).toBeUndefined();
    const next = stripFrameworkScripts(await signedIn.text());

    expect(visible(light), path).toBe(visible(next));
    for (const name of ["content-type", "link", "x-content-type-options", "referrer-policy", "x-frame-options", "permissions-policy"]) {
      expect(anonymous.headers()[name], `${path}: ${name}`).toBe(signedIn.headers()[name]?.replace(/; nonce="[^"]*"/, ""));
    }
  }
});

test("the second anonymous visitor gets the light page from the cache", async ({ request }) => {
  await clearPublicCaches();
  const first = await request.get(`/?q=${word}`);
  expect(first.headers()["x-zenbali-cache"]).toBe("miss");
  const second = await request.get(`/?q=${word}`);
  expect(second.headers()["x-zenbali-cache"]).toBe("hit");
  const kept = await second.text();
  expect(visible(kept)).toBe(visible(await first.text()));
  expect(kept).toContain(`Ecstatic dance ${word} 0`);
});
