import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "./circuit-breaker";

const quiet = { warn: () => {}, info: () => {} };

describe("CircuitBreaker", () => {
  it("opens at once on a connection error, for its cool-down", () => {
    const breaker = new CircuitBreaker(2_000, quiet);
    breaker.recordFailure("connect ECONNREFUSED", 1_000);
    expect(breaker.isOpen(1_001)).toBe(true);
    expect(breaker.isOpen(3_001)).toBe(false);
  });

  it("does not open on one or two timeouts (a busy CPU), but on the third in a row", () => {
    const breaker = new CircuitBreaker(2_000, quiet);
    breaker.recordFailure("timed out", 1_000, { timeout: true });
    breaker.recordFailure("timed out", 1_100, { timeout: true });
    expect(breaker.isOpen(1_101)).toBe(false);
    breaker.recordFailure("timed out", 1_200, { timeout: true });
    expect(breaker.isOpen(1_201)).toBe(true);
  });

  it("forgets earlier timeouts after a success", () => {
    const breaker = new CircuitBreaker(2_000, quiet);
    breaker.recordFailure("timed out", 1_000, { timeout: true });
    breaker.recordFailure("timed out", 1_100, { timeout: true });
    breaker.recordSuccess();
    breaker.recordFailure("timed out", 1_200, { timeout: true });
    expect(breaker.isOpen(1_201)).toBe(false);
  });

  it("once open, a timed-out probe opens it again at once", () => {
    const breaker = new CircuitBreaker(2_000, quiet);
    breaker.recordFailure("connect ECONNREFUSED", 1_000);
    breaker.recordFailure("timed out", 3_500, { timeout: true });
    expect(breaker.isOpen(3_501)).toBe(true);
  });
});
