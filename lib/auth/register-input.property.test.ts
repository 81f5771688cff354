/**
 * Fuzzing registration's parsing (the form's fields, read the way the
 * register action reads them): any FormData gives a message per known field
 * or input that is safe to store, never a throw. The action itself, with the
 * database, is fuzzed in tests/integration/fuzz-parsers.test.ts.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { formEntries, nastyText, toFormData } from "@/tests/support/arbitraries";
import { ZRegisterInput } from "./register-creator";
import { failOnConsoleErrors } from "../../tests/support/no-console-errors";
import { formText } from "@/lib/http/form-fields";

const FIELDS = ["name", "organisation", "email", "phone", "password", "confirmPassword"] as const;

failOnConsoleErrors();

/** What the register action passes on: every field as a string (a file part reads as "", as formText makes it). */
function readRegisterForm(formData: FormData): Record<(typeof FIELDS)[number], string> {
  return Object.fromEntries(FIELDS.map((field) => [field, formText(formData, field)])) as Record<(typeof FIELDS)[number], string>;
}

const nearlyValid = fc.record({
  name: fc.oneof(fc.constant("Ketut Sari"), nastyText),
  organisation: fc.oneof(fc.constant(""), nastyText),
  email: fc.oneof(fc.constant("Ketut@Example.test"), fc.emailAddress(), nastyText),
  phone: fc.oneof(fc.constant("+62 812 3456 7890"), nastyText),
  password: fc.oneof(fc.constant("a long enough passphrase"), nastyText),
});

describe("registration input (property)", () => {
  test.prop(
    [
      fc.oneof(
        formEntries(FIELDS),
        nearlyValid.map(({ password, ...rest }) => Object.entries({ ...rest, password, confirmPassword: password })),
      ),
    ],
    { numRuns: 300 },
  )(
    "any FormData: a message per known field, or input without control characters",
    (entries) => {
      const parsed = ZRegisterInput.safeParse(readRegisterForm(toFormData(entries)));
      if (parsed.success) {
        for (const value of [parsed.data.name, parsed.data.organisation ?? "", parsed.data.email, parsed.data.phone ?? ""]) {
          expect(value).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Surrogate}/u);
        }
        expect(parsed.data.name.length).toBeGreaterThanOrEqual(2);
      } else {
        for (const issue of parsed.error.issues) {
          expect(FIELDS).toContain(issue.path[0]);
          expect(issue.message).toMatch(/\S/);
        }
      }
    },
    30_000,
  );

  // Regression (tests/integration/fuzz-parsers.test.ts found it: U+0000 in the name passed, and the insert was a 500).
  it("removes control characters from the name and organisation, never from the password", () => {
    const parsed = ZRegisterInput.parse({
      name: "Ketut\u0000 Sari",
      organisation: "\u0000",
      email: "k@example.test",
      phone: "",
      password: "pass\u0000word long",
      confirmPassword: "pass\u0000word long",
    });
    expect(parsed).toMatchObject({ name: "Ketut Sari", organisation: null, password: "pass\u0000word long" });
  });
});
