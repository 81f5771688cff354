import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import {
  applySecurityHeaders,
  createNonce,
  cspKindForPath,
  HSTS_HEADER_VALUE,
  inlineScriptHashes,
  isHttpsRequest,
  noncePolicy,
  scriptFreePolicy,
  securityHeaders,
} from "./security-headers";

const saved = { ...process.env };

function useEnv(values: Record<string, string | undefined>) {
  for (const name of ["TRUST_PROXY", "S3_PUBLIC_URL", "S3_BUCKET"]) Reflect.deleteProperty(process.env, name);
  Object.assign(process.env, { DATABASE_URL: "postgresql://unused@127.0.0.1/unused" }, values);
  resetEnvForTests();
}

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...sources]) => [name!, sources]),
  );
}

beforeEach(() => {
  useEnv({});
});
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) Reflect.deleteProperty(process.env, name);
  Object.assign(process.env, saved);
  resetEnvForTests();
});

describe("the policies", () => {
  it("both forbid plugins, foreign <base>, framing and foreign form targets", () => {
    for (const policy of [scriptFreePolicy(), noncePolicy("abc")]) {
      const parsed = directives(policy);
      expect(parsed.get("object-src")).toEqual(["'none'"]);
      expect(parsed.get("base-uri")).toEqual(["'self'"]);
      expect(parsed.get("frame-ancestors")).toEqual(["'none'"]);
      expect(parsed.get("form-action")).toEqual(["'self'"]);
      expect(parsed.get("default-src")).toEqual(["'self'"]);
    }
  });

  it("script-free allows no script at all", () => {
    expect(directives(scriptFreePolicy()).get("script-src")).toEqual(["'none'"]);
  });

  it("the nonce policy allows only scripts with the nonce (and what they load), never eval in production", () => {
    const scripts = directives(noncePolicy("n0nce+/=")).get("script-src");
    expect(scripts).toEqual(["'self'", "'nonce-n0nce+/='", "'strict-dynamic'"]);
    expect(noncePolicy("x")).not.toContain("unsafe-eval");
    expect(noncePolicy("x")).not.toContain("unsafe-inline");
    expect(directives(noncePolicy("x", { dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("images may come from S3_PUBLIC_URL's origin when it is set", () => {
    useEnv({ S3_PUBLIC_URL: "https://cdn.example.test/covers/" });
    const headers = securityHeaders({ headers: {} });
    expect(directives(headers["content-security-policy"]!).get("img-src")).toEqual(["'self'", "data:", "blob:", "https://cdn.example.test"]);
  });

  it("nonces are fresh, 128 bits, in the characters Next accepts", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    }
  });
});

describe("which answers get which policy", () => {
  it.each([
    "/api/events",
    "/api/health",
    "/_next/static/chunks/a.js",
    "/uploads/covers/a.webp",
    "/feed.xml",
    "/events.ics",
    "/events/some-event/event.ics",
    "/sitemap.xml",
    "/sitemaps/events-1.xml",
    "/robots.txt",
  ])("%s never runs scripts", (path) => {
    expect(cspKindForPath(path)).toBe("script-free");
  });

  it.each(["/", "/login", "/dashboard", "/admin/system", "/events/some-event", "/events/some-event/report"])(
    "%s is rendered by Next with a nonce (the page cache sets script-free on its copies)",
    (path) => {
      expect(cspKindForPath(path)).toBe("nonce");
    },
  );
});

describe("HSTS", () => {
  it("only over HTTPS: a TLS socket, or X-Forwarded-Proto: https behind a trusted proxy", () => {
    expect(isHttpsRequest({ headers: {}, socket: { encrypted: true } }, false)).toBe(true);
    expect(isHttpsRequest({ headers: {} }, true)).toBe(false);
    expect(isHttpsRequest({ headers: { "x-forwarded-proto": "https" } }, true)).toBe(true);
    expect(isHttpsRequest({ headers: { "x-forwarded-proto": "HTTPS" } }, true)).toBe(true);
    // A client's own claim counts for nothing without TRUST_PROXY.
    expect(isHttpsRequest({ headers: { "x-forwarded-proto": "https" } }, false)).toBe(false);
    // The last entry is the one our proxy wrote.
    expect(isHttpsRequest({ headers: { "x-forwarded-proto": "https, http" } }, true)).toBe(false);
    expect(isHttpsRequest({ headers: { "x-forwarded-proto": "http" } }, true)).toBe(false);
  });

  it("securityHeaders adds Strict-Transport-Security for a year with subdomains, from TRUST_PROXY in the environment", () => {
    const request = { headers: { "x-forwarded-proto": "https" } };
    expect(securityHeaders(request)["strict-transport-security"]).toBeUndefined();
    useEnv({ TRUST_PROXY: "true" });
    expect(securityHeaders(request)["strict-transport-security"]).toBe(HSTS_HEADER_VALUE);
    expect(HSTS_HEADER_VALUE).toBe("max-age=31536000; includeSubDomains");
  });
});

describe("applySecurityHeaders (server.mjs)", () => {
  function run(url: string, headers: Record<string, string> = {}) {
    const request = { url, headers: { ...headers } as Record<string, string | string[] | undefined> };
    const set = new Map<string, string>();
    applySecurityHeaders(request, { setHeader: (name, value) => set.set(name, value) });
    return { request, set };
  }

  it("gives a page a fresh nonce, on the response and on the request Next reads it from", () => {
    const first = run("/dashboard");
    const second = run("/dashboard");
    const policy = first.set.get("content-security-policy")!;
    expect(policy).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(first.request.headers["content-security-policy"]).toBe(policy);
    expect(second.set.get("content-security-policy")).not.toBe(policy);
  });

  it("replaces a CSP request header sent by the client, so that no client picks the nonce", () => {
    const { request } = run("/dashboard", {
      "content-security-policy": "script-src 'nonce-chosenbytheclient'",
      "content-security-policy-report-only": "script-src 'nonce-chosen'",
    });
    expect(request.headers["content-security-policy"]).not.toContain("chosenbytheclient");
    expect(request.headers["content-security-policy-report-only"]).toBeUndefined();
    const api = run("/api/events", { "content-security-policy": "script-src 'nonce-chosenbytheclient'" });
    expect(api.request.headers["content-security-policy"]).toBeUndefined();
    expect(api.set.get("content-security-policy")).toContain("script-src 'none'");
  });
});

describe("stored copies (the page cache)", () => {
  const copy = (html: string) => Buffer.from(html);

  it("a copy without scripts gets the script-free policy; JSON-LD is not a script", () => {
    const page = copy('<html><head><script type="application/ld+json">{"@type":"Event"}</script></head><body>Hi</body></html>');
    expect(inlineScriptHashes(page.toString())).toBeNull();
    expect(directives(securityHeaders({ headers: {} }, { storedCopy: page })["content-security-policy"]!).get("script-src")).toEqual(["'none'"]);
  });

  it("a copy that kept its scripts (it streamed) allows exactly its inline scripts, by hash, and this site's files; no nonce", () => {
    const inline = 'self.__next_f.push([1,"x"])';
    const html =
      '<html><body><script src="/_next/static/chunks/a.js" async="" nonce="old"></script>' +
      `<script nonce="old">${inline}</script><script>$RC("B:0","S:0")</script></body></html>`;
    const hashes = inlineScriptHashes(html)!;
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).toBe(createHash("sha256").update(inline).digest("base64"));
    const policy = securityHeaders({ headers: {} }, { storedCopy: copy(html) })["content-security-policy"]!;
    expect(directives(policy).get("script-src")).toEqual(["'self'", `'sha256-${hashes[0]}'`, `'sha256-${hashes[1]}'`]);
    expect(policy).not.toContain("nonce");
    expect(policy).not.toContain("unsafe");
    for (const directive of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'"]) expect(policy).toContain(directive);
  });
});
