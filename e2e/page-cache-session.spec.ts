/**
 * Issue 9, item 3b, against the production server (server.mjs + page cache):
 * a session cookie is checked, not trusted. A junk cookie or a client
 * navigation header gets the cached anonymous page; a real signed-in session
 * (the cookie Auth.js set at sign-in, decrypted by the page cache) still gets
 * its own fresh render, with Next's scripts.
 */
import { expect, test } from "@playwright/test";
import { logInAsAdmin } from "./support/admin";
import { clearPublicCaches } from "./support/db";

test("junk session cookies and client navigations get the cached anonymous page; a real session renders fresh", async ({ page, request, context }) => {
  await clearPublicCaches();
  // Polled: on a busy machine Redis may briefly be too slow, and the page cache then steps aside (by design).
  const cacheOf = async (headers: Record<string, string> = {}) => (await request.get("/?utm_source=e2e", { headers })).headers()["x-zenbali-cache"];
  await expect.poll(() => cacheOf(), { timeout: 15_000 }).toBe("hit");
  expect(await (await request.get("/")).text()).not.toContain("self.__next_f"); // the script-free copy

  const anonymousRequests: Record<string, string>[] = [
    { cookie: "authjs.session-token=junk" },
    { cookie: "authjs.session-token.0=junk; authjs.session-token.1=more" },
    { rsc: "1" },
    { rsc: "1", cookie: "authjs.session-token=junk" },
  ];
  for (const headers of anonymousRequests) {
    await expect.poll(() => cacheOf(headers), { timeout: 15_000, message: JSON.stringify(headers) }).toBe("hit");
  }

  await logInAsAdmin(page);
  const signedIn = await page.goto("/");
  expect(signedIn?.headers()["x-zenbali-cache"]).toBeUndefined();
  expect(await signedIn!.text()).toContain("self.__next_f");
  // The same cookie sent by another client is a live session too: not the anonymous copy.
  const session = (await context.cookies()).find((cookie) => cookie.name.includes("authjs.session-token"));
  expect(session).toBeDefined();
  const cookie = `${session!.name}=${session!.value}`;
  // While the cache answers anonymous requests, the live session gets Next's own render (scripts included).
  await expect.poll(() => cacheOf(), { timeout: 15_000 }).toBe("hit");
  const copied = await request.get("/?utm_source=e2e", { headers: { cookie } });
  expect(copied.headers()["x-zenbali-cache"]).toBeUndefined();
  expect(await copied.text()).toContain("self.__next_f");
  await expect.poll(() => cacheOf({ cookie: "authjs.session-token=junk" }), { timeout: 15_000 }).toBe("hit");
});
