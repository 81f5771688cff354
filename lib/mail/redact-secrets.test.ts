import { fc, test } from "@fast-check/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import { mailHasSecrets, redactMail, redactSecrets } from "./redact-secrets";
import { passwordResetMail, verificationMail } from "./templates";

beforeAll(() => {
  // The templates build absolute links from APP_URL (lib/env.ts needs a DATABASE_URL to parse; none is used here).
  process.env.DATABASE_URL ??= "postgresql://unit@127.0.0.1:5432/unit";
});

describe("redactSecrets", () => {
  it("redacts the token of verification and reset links, and keeps the rest of the link", () => {
    expect(redactSecrets("Open https://zenbali.site/reset-password?token=abc_DEF-123 within the hour")).toBe(
      "Open https://zenbali.site/reset-password?token=[redacted] within the hour",
    );
    expect(redactSecrets("http://localhost:3000/verify-email?token=abc\n")).toBe("http://localhost:3000/verify-email?token=[redacted]\n");
  });

  it("redacts any secret-looking parameter, in the query and the fragment, and leaves the others", () => {
    expect(redactSecrets("https://x.test/a?page=2&access_token=s3cr3t&lang=en#code=42&tab=1")).toBe(
      "https://x.test/a?page=2&access_token=[redacted]&lang=en#code=[redacted]&tab=1",
    );
    expect(redactSecrets('<a href="https://x.test/magic?sig=zz&key=yy">go</a>')).toBe('<a href="https://x.test/magic?sig=[redacted]&key=[redacted]">go</a>');
    expect(redactSecrets("https://zenbali.site/events/ubud-yoga and https://zenbali.site/?q=yoga#top")).toBe(
      "https://zenbali.site/events/ubud-yoga and https://zenbali.site/?q=yoga#top",
    );
  });

  test.prop([fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), fc.constantFrom("verify-email", "reset-password")])(
    "never leaves a template's token in the text",
    (token, path) => {
      const mail = (path === "verify-email" ? verificationMail : passwordResetMail)({ name: "Made", token });
      const redacted = redactMail({ to: "made@example.test", ...mail });
      expect(redacted.text).not.toContain(token);
      expect(redacted.text).toContain(`/${path}?token=[redacted]`);
      expect(mailHasSecrets({ to: "made@example.test", ...mail })).toBe(true);
      expect(mailHasSecrets(redacted)).toBe(false);
    },
  );
});

describe("templates with a secret", () => {
  it("say until when their link works (verification 24 h, reset 1 h)", () => {
    const now = Date.now();
    const verification = verificationMail({ name: "Made", token: "t" });
    const reset = passwordResetMail({ name: "Made", token: "t" });
    expect(verification.secretUntil).toBeGreaterThanOrEqual(now + 24 * 3600_000);
    expect(verification.secretUntil).toBeLessThan(now + 24 * 3600_000 + 60_000);
    expect(reset.secretUntil).toBeGreaterThanOrEqual(now + 3600_000);
    expect(reset.secretUntil).toBeLessThan(now + 3600_000 + 60_000);
    const expiresAt = new Date(now + 5_000);
    expect(passwordResetMail({ name: "Made", token: "t", expiresAt }).secretUntil).toBe(expiresAt.getTime());
  });
});
