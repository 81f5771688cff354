/**
 * The light render path (docs/decisions/010-light-render-path-for-public-pages.md) inside the page cache, with a
 * stand-in for Next's handler and the real Redis and PostgreSQL: anonymous misses of `/` are rendered without Next
 * and kept; signed-in visitors, other paths and a failing light render go to Next; with caching off, a plainly
 * anonymous `/` is still rendered without Next, and nothing is kept. The e2e test e2e/light-render.spec.ts checks
 * that the light page equals Next's.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { invalidatePublicCaches } from "@/lib/cache/public-cache";
import { resetEnvForTests } from "@/lib/env";
import { createPageCache, type TLightRenderer } from "@/lib/page-cache/page-cache";
import { createLightRenderer, renderListingDocument } from "@/lib/public-pages/listing-document";
import { closeRedis } from "@/lib/redis";
import { applyEnv } from "../support/env";

const ASSETS = { stylesheets: ["/_next/static/chunks/site.css"] };

type TInstance = { url: string; nextRenders: () => number; lightRenders: () => number; server: Server };
const instances: TInstance[] = [];

/** A page cache in front of a fake Next; its light renderer counts its renders and can be told to fail. */
async function startInstance({ failLight = false }: { failLight?: boolean } = {}): Promise<TInstance> {
  let nextRenders = 0;
  let lightRenders = 0;
  const next = (_request: IncomingMessage, response: ServerResponse) => {
    nextRenders++;
    response.statusCode = 200;
    response.setHeader("content-type", "text/html; charset=utf-8");
    response.end(`<html><body><h1>Rendered by Next</h1><script>self.__next_f.push([1,"x"])</script></body></html>`);
  };
  const real = createLightRenderer(ASSETS);
  const lightRender: TLightRenderer = {
    takes: real.takes,
    render: (target, visitors) => {
      lightRenders++;
      return failLight ? Promise.reject(new Error("the database is down")) : real.render(target, visitors);
    },
  };
  const cache = createPageCache({ handle: next, lightRender });
  const server = createServer((request, response) => {
    request.headers["x-zenbali-client-ip"] = "203.0.113.7";
    void cache.handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const instance = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    nextRenders: () => nextRenders,
    lightRenders: () => lightRenders,
    server,
  };
  instances.push(instance);
  return instance;
}

beforeEach(async () => {
  await invalidatePublicCaches("event");
});

afterEach(async () => {
  for (const instance of instances.splice(0)) await new Promise((resolve) => instance.server.close(resolve));
  applyEnv({ CACHE_ENABLED: "true" });
  resetEnvForTests();
});

afterAll(async () => {
  await closeRedis();
});

describe("the light render path", () => {
  it("renders a complete, script-free document of / from the same parse and data as the page", async () => {
    const { body, headers } = await renderListingDocument(new URLSearchParams("when=someday&location=ubud&utm_source=x"), ASSETS, 1234);
    expect(body.startsWith('<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>')).toBe(true);
    // The stylesheet comes first in the head, as in Next's render.
    expect(body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/><link rel="stylesheet" href="/_next/static/chunks/site.css"');
    expect(body).toContain("<title>Zen Bali — events in Bali</title>");
    expect(body).toMatch(/<meta name="description" content="What is on in Bali[^"]+"\/>/);
    // An invalid filter: the banner, and the canonical URL is the root (the page is not one of its own).
    expect(body).toContain("Some filters in the link were not valid and were ignored: when.");
    expect(body).toMatch(/<link rel="canonical" href="http:\/\/[^"/]+"\/>/);
    expect(body).toMatch(/<h1 class="[^"]*">Discover events in Bali<\/h1>/);
    expect(body).toContain('<span data-testid="visitor-count" data-live="visitors">Visitors: 1,234</span>');
    expect(body).not.toMatch(/<script/i);
    expect(headers).toMatchObject({ "content-type": "text/html; charset=utf-8", link: '</_next/static/chunks/site.css>; rel=preload; as="style"' });

    const filtered = await renderListingDocument(new URLSearchParams("location=ubud&q=sound"), ASSETS, 0);
    expect(filtered.body).toMatch(/<link rel="canonical" href="http:\/\/[^"]+\/\?q=sound&amp;location=ubud"\/>/);
  });

  it("an anonymous miss of / is rendered without Next and kept; the next visitor gets the copy", async () => {
    const instance = await startInstance();
    const first = await fetch(`${instance.url}/?q=light-path-test`);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-zenbali-cache")).toBe("miss");
    expect(first.headers.get("content-security-policy")).toContain("script-src 'none'");
    expect(await first.text()).toContain("Discover events in Bali");
    const second = await fetch(`${instance.url}/?q=light-path-test&utm_medium=chat`);
    expect(second.headers.get("x-zenbali-cache")).toBe("hit");
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(instance.lightRenders()).toBe(1);
    expect(instance.nextRenders()).toBe(0);
  });

  it("other paths, HEAD requests and signed-in visitors' client navigations go to Next", async () => {
    const instance = await startInstance();
    expect(await fetch(`${instance.url}/events/some-event`).then((response) => response.text())).toContain("Rendered by Next");
    expect((await fetch(`${instance.url}/`, { method: "HEAD" })).status).toBe(200);
    expect(instance.lightRenders()).toBe(0);
    expect(instance.nextRenders()).toBe(2);
  });

  it("a light render that fails leaves the request to Next, and nothing is kept", async () => {
    const instance = await startInstance({ failLight: true });
    const response = await fetch(`${instance.url}/?q=failing-light`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Rendered by Next");
    expect(instance.lightRenders()).toBe(1);
    expect(instance.nextRenders()).toBe(1);
  });

  it("with caching off, a plainly anonymous / is still rendered without Next, and a request with a session cookie is not", async () => {
    applyEnv({ CACHE_ENABLED: "false" });
    resetEnvForTests();
    const instance = await startInstance();
    const anonymous = await fetch(`${instance.url}/?q=cache-off`);
    expect(await anonymous.text()).toContain("Discover events in Bali");
    expect(anonymous.headers.get("x-zenbali-cache")).toBe("miss");
    await fetch(`${instance.url}/?q=cache-off`).then((response) => response.text());
    expect(instance.lightRenders()).toBe(2); // nothing kept
    const withCookie = await fetch(`${instance.url}/?q=cache-off`, { headers: { cookie: "authjs.session-token=anything" } });
    expect(await withCookie.text()).toContain("Rendered by Next");
    const navigation = await fetch(`${instance.url}/?q=cache-off`, { headers: { rsc: "1" } });
    expect(await navigation.text()).toContain("Rendered by Next");
    expect(instance.nextRenders()).toBe(2);
  });
});
