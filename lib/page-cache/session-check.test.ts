import { describe, expect, it } from "vitest";
import { hasSessionCookie, sessionCookiesOf, withoutSessionCookies } from "./session-check";

describe("session cookies", () => {
  it("finds Auth.js session cookies, plain, __Secure- and chunked, and reassembles chunks in order", () => {
    expect(hasSessionCookie("theme=dark; authjs.session-token=abc")).toBe(true);
    expect(hasSessionCookie("__Secure-authjs.session-token.0=abc")).toBe(true);
    expect(hasSessionCookie("theme=dark; authjs.session-token-other=1; xauthjs.session-token=1")).toBe(false);
    expect(hasSessionCookie(undefined)).toBe(false);
    expect(sessionCookiesOf("a=1; authjs.session-token.1=world; authjs.session-token.0=hello")).toEqual([
      { name: "authjs.session-token", value: "helloworld" },
    ]);
    expect(sessionCookiesOf("__Secure-authjs.session-token=x; authjs.session-token=y")).toEqual([
      { name: "__Secure-authjs.session-token", value: "x" },
      { name: "authjs.session-token", value: "y" },
    ]);
  });

  it("strips session cookies and keeps the others", () => {
    expect(withoutSessionCookies("theme=dark; authjs.session-token=abc; lang=en")).toBe("theme=dark; lang=en");
    expect(withoutSessionCookies("authjs.session-token.0=abc; authjs.session-token.1=def")).toBeUndefined();
  });
});
