import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZEmail, normaliseEmail } from "@/lib/auth/email";
import { checkPasswordPolicy, isCommonPassword, PASSWORD_MESSAGES, refinePasswordAgainstEmail, ZPassword } from "@/lib/auth/password-policy";

const email = "Made.Wirawan@Example.com";

describe("checkPasswordPolicy", () => {
  it("accepts a long, uncommon password without composition rules", () => {
    expect(checkPasswordPolicy({ password: "rice terraces at dawn", email })).toBeNull();
    expect(checkPasswordPolicy({ password: "alllowercaseletters" })).toBeNull();
  });

  it("enforces 8 to 128 characters", () => {
    expect(checkPasswordPolicy({ password: "", email })).toBe("Use at least 8 characters.");
    expect(checkPasswordPolicy({ password: "x7#kQ2p", email })).toBe("Use at least 8 characters.");
    expect(checkPasswordPolicy({ password: "x7#kQ2pZ", email })).toBeNull();
    expect(checkPasswordPolicy({ password: "k".repeat(127) + "z", email })).toBeNull();
    expect(checkPasswordPolicy({ password: "k".repeat(128) + "z", email })).toBe("Use at most 128 characters.");
  });

  it("counts characters, not UTF-16 units", () => {
    // 4 emoji = 8 UTF-16 code units but only 4 characters.
    expect(checkPasswordPolicy({ password: "🌴🌊🌺🐒" })).toBe(PASSWORD_MESSAGES.tooShort);
    expect(checkPasswordPolicy({ password: "🌴🌊🌺🐒🌴🌊🌺🐒" })).toBeNull();
  });

  it("refuses common passwords, whatever their case", () => {
    expect(checkPasswordPolicy({ password: "password", email })).toBe("This password is too common. Choose another one.");
    expect(checkPasswordPolicy({ password: "PassWord", email })).toBe(PASSWORD_MESSAGES.common);
    expect(checkPasswordPolicy({ password: "Sunshine" })).toBe(PASSWORD_MESSAGES.common);
    expect(checkPasswordPolicy({ password: "12345678" })).toBe(PASSWORD_MESSAGES.common);
    expect(isCommonPassword("QWERTYUIOP")).toBe(true);
    expect(isCommonPassword("rice terraces at dawn")).toBe(false);
  });

  it("does not treat the list's comment lines as passwords", () => {
    expect(isCommonPassword("# The most common passwords of 8 characters or more, most common first, lower-cased.")).toBe(false);
  });

  it("refuses the email address and its local part, case-insensitively", () => {
    expect(checkPasswordPolicy({ password: "made.wirawan@example.com", email })).toBe("Your password must not be your email address.");
    expect(checkPasswordPolicy({ password: "MADE.WIRAWAN@EXAMPLE.COM", email: ` ${email} ` })).toBe(PASSWORD_MESSAGES.email);
    expect(checkPasswordPolicy({ password: "Made.Wirawan", email })).toBe(PASSWORD_MESSAGES.email);
    expect(checkPasswordPolicy({ password: "made.wirawan1", email })).toBeNull();
    expect(checkPasswordPolicy({ password: "example.com", email })).toBeNull();
  });

  it("checks the email rule before the common-password rule when both apply", () => {
    expect(checkPasswordPolicy({ password: "password", email: "password@example.com" })).toBe(PASSWORD_MESSAGES.email);
  });

  it("works without an email", () => {
    expect(checkPasswordPolicy({ password: "made.wirawan", email: null })).toBeNull();
    expect(checkPasswordPolicy({ password: "made.wirawan", email: "" })).toBeNull();
  });
});

describe("ZPassword and refinePasswordAgainstEmail", () => {
  it("validates length and common passwords, without trimming", () => {
    expect(ZPassword.safeParse("  spaced out  ").data).toBe("  spaced out  ");
    expect(ZPassword.safeParse("short").error?.issues[0]?.message).toBe(PASSWORD_MESSAGES.tooShort);
    expect(ZPassword.safeParse("football").error?.issues[0]?.message).toBe(PASSWORD_MESSAGES.common);
    expect(ZPassword.safeParse(undefined).success).toBe(false);
  });

  it("adds the email rule on the password field of an object schema", () => {
    const schema = z.object({ email: ZEmail, password: z.string() }).superRefine(refinePasswordAgainstEmail());
    const result = schema.safeParse({ email, password: "made.wirawan@example.com" });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ["password"], message: PASSWORD_MESSAGES.email })]);
    expect(schema.safeParse({ email, password: "rice terraces at dawn" }).success).toBe(true);

    const named = z.object({ login: z.string(), newPassword: z.string() }).superRefine(refinePasswordAgainstEmail({ password: "newPassword", email: "login" }));
    expect(named.safeParse({ login: email, newPassword: "made.wirawan" }).error?.issues[0]?.path).toEqual(["newPassword"]);
  });
});

describe("email normalisation", () => {
  it("trims and lower-cases", () => {
    expect(normaliseEmail("  Made@Example.COM\n")).toBe("made@example.com");
  });

  it("ZEmail validates and normalises", () => {
    expect(ZEmail.parse("  Made@Example.COM ")).toBe("made@example.com");
    expect(ZEmail.safeParse("").error?.issues[0]?.message).toBe("Enter your email address.");
    expect(ZEmail.safeParse("not-an-email").error?.issues[0]?.message).toBe("Enter a valid email address.");
    expect(ZEmail.safeParse(`${"a".repeat(245)}@example.com`).error?.issues[0]?.message).toBe("Use at most 254 characters.");
  });
});
