/**
 * A minimal circuit breaker: after a failure the circuit is "open" for
 * `cooldownMs` and callers skip Redis entirely (they use their fallback at no
 * cost). When the cooldown has passed, the next call is let through as a probe:
 * success closes the circuit, failure opens it again for another cooldown.
 *
 * It also decides when to log, so a long outage produces one line when it
 * starts and one when it ends, not one per request.
 */
export class CircuitBreaker {
  private openUntil = 0;
  private healthy = true;
  lastError: string | undefined;

  constructor(
    readonly cooldownMs = 2_000,
    private readonly logger: Pick<Console, "warn" | "info"> = console,
    private readonly label = "Redis",
  ) {}

  /** True while callers should not even try Redis. */
  isOpen(now = Date.now()): boolean {
    return now < this.openUntil;
  }

  recordFailure(reason: string, now = Date.now()): void {
    this.openUntil = now + this.cooldownMs;
    this.lastError = reason;
    if (this.healthy) {
      this.healthy = false;
      this.logger.warn(`${this.label}: unavailable (${reason}); using fallbacks, retrying every ${Math.round(this.cooldownMs / 100) / 10} s`);
    }
  }

  recordSuccess(): void {
    this.openUntil = 0;
    if (!this.healthy) {
      this.healthy = true;
      this.lastError = undefined;
      this.logger.info(`${this.label}: available again`);
    }
  }

  reset(): void {
    this.openUntil = 0;
    this.healthy = true;
    this.lastError = undefined;
  }
}
