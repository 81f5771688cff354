import { afterEach, beforeEach, expect, vi, type MockInstance } from "vitest";

/**
 * For property tests: "never a thrown error in the log". Every test of the
 * file fails if anything called console.error while it ran.
 */
export function failOnConsoleErrors(): void {
  let consoleError: MockInstance<typeof console.error>;
  beforeEach(() => {
    consoleError = vi.spyOn(console, "error");
  });
  afterEach(() => {
    const calls = [...consoleError.mock.calls];
    consoleError.mockRestore();
    expect(calls).toEqual([]);
  });
}
