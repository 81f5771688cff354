/**
 * Every answer carries a Content-Security-Policy: anonymous public pages (the
 * page cache's script-free copies) allow no script at all (a copy that kept
 * its scripts because it streamed: exactly those, by hash); pages Next renders
 * with its scripts allow only those carrying the request's nonce. In Chromium
 * no page raises a CSP violation, signed in or not, and an injected script is
 * refused. Strict-Transport-Security only over HTTPS: here, behind a trusted
 * proxy that says `X-Forwarded-Proto: https`.
 */
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { logInAsAdmin } from "./support/admin";
import { logIn, register } from "./support/creator";
import { clearPublicCaches, clearRateLimits, closeDb, demoCreatorId, query } from "./support/db";
import { startExtraServer, type TExtraServer } from "./support/server";

const ALWAYS = ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'"];
const HSTS = "max-age=31536000; includeSubDomains";

function cspOf(response: APIResponse | { headers(): Record<string, string> }): string {
  const policy = response.headers()["content-security-policy"];
  expect(policy, "Content-Security-Policy header").toBeTruthy();
  for (const directive of ALWAYS) expect(policy).toContain(directive);
  return policy!;
}

function scriptSources(policy: string): string {
  return (
    policy
      .split(";")
      .map((part) => part.trim())
      .find((part) => part.startsWith("script-src")) ?? ""
  );
}

/**
 * What an anonymous visitor's public page may run: nothing (the page cache's
 * script-free copy), or, for a copy stored with its scripts because it
 * streamed, exactly those scripts (hashes and this site's files), never a nonce.
 */
function expectAnonymousScripts(policy: string, path: string) {
  const scripts = scriptSources(policy);
  if (scripts !== "script-src 'none'") expect(scripts, path).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+$/);
}

/** Collects CSP violations: the browser's console reports and `securitypolicyviolation` events. */
async function watchCsp(page: Page) {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
  return {
    async all(): Promise<string[]> {
      const events = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
      return [...console, ...events];
    },
  };
}

/** Visits a page and expects it to render with no CSP violation; returns its policy. */
async function visitCleanly(page: Page, path: string, watch: Awaited<ReturnType<typeof watchCsp>>): Promise<string> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await page.waitForLoadState("networkidle");
  expect(await watch.all(), `CSP violations on ${path}`).toEqual([]);
  return cspOf(response!);
}

/** Adds an inline script to the page, as an HTML injection would, and tells whether it ran. */
async function injectedScriptRuns(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true";
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
}

test.afterAll(async () => {
  await closeDb();
});

test.describe("Content-Security-Policy", () => {
  test("anonymous public pages allow no script, miss or hit, and render without a violation", async ({ page, request }) => {
    await clearPublicCaches();
    const miss = await request.get("/");
    expect(miss.headers()["x-zenbali-cache"]).toBe("miss");
    const hit = await request.get("/");
    expect(hit.headers()["x-zenbali-cache"]).toBe("hit");
    for (const response of [miss, hit]) {
      expectAnonymousScripts(cspOf(response), "/");
      expect(response.headers()["strict-transport-security"]).toBeUndefined();
    }
    // 304 from the page cache: the same policy.
    const notModified = await request.get("/", { headers: { "If-None-Match": hit.headers().etag! } });
    expect(notModified.status()).toBe(304);
    expect(cspOf(notModified)).toBe(cspOf(hit));

    const watch = await watchCsp(page);
    expectAnonymousScripts(await visitCleanly(page, "/", watch), "/");
    await expect(page.getByRole("heading", { level: 1, name: "Discover events in Bali" })).toBeVisible();
    const eventPath = await page.getByTestId("event-card").first().getByRole("link").getAttribute("href");
    expectAnonymousScripts(await visitCleanly(page, eventPath!, watch), eventPath!);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // Its cover image loads (images come from /uploads on this site).
    const cover = page.locator("main img").first();
    if (await cover.count()) await expect.poll(() => cover.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    const creatorPath = `/creators/${await demoCreatorId()}`;
    expectAnonymousScripts(await visitCleanly(page, creatorPath, watch), creatorPath);

    // The policy is enforced: a script injected into the page does not run, and is reported.
    expect(await injectedScriptRuns(page)).toBe(false);
    expect((await watch.all()).length).toBeGreaterThan(0);
  });

  test("pages rendered with Next's scripts use a fresh nonce per request, on every script; never unsafe-eval", async ({ request }) => {
    const nonces = new Set<string>();
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await request.get("/login");
      const scripts = scriptSources(cspOf(response));
      expect(scripts).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'$/);
      expect(cspOf(response)).not.toContain("unsafe-eval");
      const nonce = /'nonce-([^']+)'/.exec(scripts)![1]!;
      nonces.add(nonce);
      const html = await response.text();
      const tags = html.match(/<script\b[^>]*>/g) ?? [];
      expect(tags.length).toBeGreaterThan(0);
      for (const tag of tags.filter((tag) => !tag.includes("application/ld+json"))) expect(tag).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(2);

    // A nonce sent by the client is never the one used.
    const chosen = await request.get("/login", { headers: { "Content-Security-Policy": "script-src 'nonce-chosenbytheclient'" } });
    expect(cspOf(chosen)).not.toContain("chosenbytheclient");
    expect(await chosen.text()).not.toContain("chosenbytheclient");
  });

  test("sign-in, register and a creator's dashboard work with their scripts and raise no violation", async ({ page }) => {
    const watch = await watchCsp(page);
    for (const path of ["/login", "/register"]) expect(scriptSources(await visitCleanly(page, path, watch))).toContain("'strict-dynamic'");
    await clearRateLimits();
    const creator = { name: "Csp Creator", email: `csp.${Date.now()}@example.test`, password: "a long enough password" };
    await register(page, creator); // client-side validation and the server action: scripts run
    await logIn(page, creator);
    for (const path of ["/dashboard", "/dashboard/events/new", "/dashboard/profile", "/"]) {
      const policy = await visitCleanly(page, path, watch);
      expect(scriptSources(policy), path).toContain("'nonce-"); // signed in: a fresh render with Next's scripts, even on /
    }
    // Next's runtime ran (it sets window.next) with nothing refused.
    expect(await page.evaluate(() => typeof (window as unknown as { next?: unknown }).next)).toBe("object");
    expect(await watch.all()).toEqual([]);
  });

  test("admin pages work with their scripts and raise no violation", async ({ page }) => {
    const watch = await watchCsp(page);
    await logInAsAdmin(page);
    for (const path of ["/admin", "/admin/events", "/admin/system", "/admin/moderation", "/admin/reference"]) {
      expect(scriptSources(await visitCleanly(page, path, watch)), path).toContain("'nonce-");
    }
    // The event form, as the admin edits an event.
    const [event] = await query<{ id: string }>("SELECT id FROM events WHERE status = 'PUBLISHED' ORDER BY starts_at LIMIT 1");
    expect(scriptSources(await visitCleanly(page, `/admin/events/${event!.id}/edit`, watch))).toContain("'nonce-");
  });

  test("every kind of answer carries a policy: API, feeds, files, redirects, 404s, 413s", async ({ request }) => {
    const login = await (await request.get("/login")).text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(login)![0];
    const home = await (await request.get("/")).text();
    const upload = /\/uploads\/[^"' ]+\.webp/.exec(home)?.[0];
    // "none": script-src 'none'; "nonce": a page Next renders (the 404 page, a redirect's path).
    const answers: [string, APIResponse, "none" | "nonce"][] = [
      ["/api/events", await request.get("/api/events"), "none"],
      ["/api/health", await request.get("/api/health"), "none"],
      ["/api/health/live", await request.get("/api/health/live"), "none"],
      ["/api/no-such-route", await request.get("/api/no-such-route"), "none"],
      ["/feed.xml", await request.get("/feed.xml"), "none"],
      ["/events.ics", await request.get("/events.ics"), "none"],
      ["/robots.txt", await request.get("/robots.txt"), "none"],
      [asset, await request.get(asset), "none"],
      ["/dashboard (redirect)", await request.get("/dashboard", { maxRedirects: 0 }), "nonce"],
      ["/no-such-page", await request.get("/no-such-page"), "nonce"],
      ["413", await request.post("/api/v1/events", { data: "x".repeat(300 * 1024), headers: { "content-type": "application/json" } }), "none"],
    ];
    if (upload) answers.push([upload, await request.get(upload), "none"]);
    for (const [name, response, kind] of answers) {
      const scripts = scriptSources(cspOf(response));
      if (kind === "none") expect(scripts, name).toBe("script-src 'none'");
      else expect(scripts, name).toContain("'nonce-");
      expect(response.headers()["strict-transport-security"], name).toBeUndefined();
    }
    expect(answers.find(([name]) => name === "413")![1].status()).toBe(413);
    expect(answers.find(([name]) => name.startsWith("/dashboard"))![1].status()).toBe(307);
    expect(answers.find(([name]) => name === "/no-such-page")![1].status()).toBe(404);
  });

  test("no HSTS over plain HTTP, even when a client claims X-Forwarded-Proto: https (TRUST_PROXY is off)", async ({ request }) => {
    for (const path of ["/", "/login", "/api/health/live"]) {
      const response = await request.get(path, { headers: { "X-Forwarded-Proto": "https" } });
      expect(response.headers()["strict-transport-security"], path).toBeUndefined();
    }
  });
});

test.describe.serial("Strict-Transport-Security behind a trusted proxy", () => {
  let server: TExtraServer;

  test.beforeAll(async () => {
    server = await startExtraServer({ port: 3112, env: { TRUST_PROXY: "true", REDIS_KEY_PREFIX: "zbe2e:edge:" } });
  });

  test.afterAll(async () => {
    await (server as TExtraServer | undefined)?.stop(); // unset when beforeAll failed
  });

  test("every answer to a request that came over HTTPS says so for a year, with subdomains; plain HTTP gets none", async ({ request }) => {
    const https = { "X-Forwarded-Proto": "https" };
    const paths = ["/", "/login", "/api/health/live", "/api/events", "/feed.xml", "/no-such-page"];
    for (const path of paths) {
      expect((await request.get(`${server.baseURL}${path}`, { headers: https })).headers()["strict-transport-security"], path).toBe(HSTS);
      expect(
        (await request.get(`${server.baseURL}${path}`, { headers: { "X-Forwarded-Proto": "http" } })).headers()["strict-transport-security"],
        path,
      ).toBeUndefined();
    }
    // Page-cache hits and 304s, and a 413.
    let hit = await request.get(`${server.baseURL}/`, { headers: https });
    await expect
      .poll(async () => {
        hit = await request.get(`${server.baseURL}/`, { headers: https });
        return hit.headers()["x-zenbali-cache"];
      })
      .toBe("hit");
    expect(hit.headers()["strict-transport-security"]).toBe(HSTS);
    const notModified = await request.get(`${server.baseURL}/`, { headers: { ...https, "If-None-Match": hit.headers().etag! } });
    expect(notModified.status()).toBe(304);
    expect(notModified.headers()["strict-transport-security"]).toBe(HSTS);
    const tooLarge = await request.post(`${server.baseURL}/api/webhooks/stripe`, {
      headers: { ...https, "content-type": "application/json" },
      data: "x".repeat(1024 * 1024 + 1),
    });
    expect(tooLarge.status()).toBe(413);
    expect(tooLarge.headers()["strict-transport-security"]).toBe(HSTS);
  });
});
