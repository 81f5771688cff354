/**
 * A minimal circuit breaker: after a failure the circuit is "open" for
 * `cooldownMs` and callers skip Redis entirely (they use their fallback at no
 * cost). When the cooldown has passed, the next call is let through as a probe:
 * success closes the circuit, failure opens it again for another cooldown.
 *
 * A refused connection or a reply that never came because the socket broke
 * opens the circuit at once. A *timeout* alone does not: on a saturated CPU a
 * healthy Redis answer can miss a 250 ms deadline, and opening the circuit then
 * switches the page cache off exactly when the server most needs it. Timeouts
 * open the circuit only after `timeoutsToOpen` of them in a row (any success
 * resets the count); a Redis that really hangs still trips it within a few calls.
 *
 * It also decides when to log, so a long outage produces one line when it
 * starts and one when it ends, not one per request.
 */
export class CircuitBreaker {
  private openUntil = 0;
  private healthy = true;
  private consecutiveTimeouts = 0;
  lastError: string | undefined;

  constructor(
    readonly cooldownMs = 2_000,
    private readonly logger: Pick<Console, "warn" | "info"> = console,
    private readonly label = "Redis",
    private readonly timeoutsToOpen = 3,
  ) {}

  /** True while callers should not even try Redis. */
  isOpen(now = Date.now()): boolean {
    return now < this.openUntil;
  }

  /** `timeout`: the call missed its deadline (see above); anything else opens the circuit at once. */
  recordFailure(reason: string, now = Date.now(), { timeout = false }: { timeout?: boolean } = {}): void {
    if (timeout && ++this.consecutiveTimeouts < this.timeoutsToOpen && this.healthy) return;
    this.openUntil = now + this.cooldownMs;
    this.lastError = reason;
    if (this.healthy) {
      this.healthy = false;
      this.logger.warn(`${this.label}: unavailable (${reason}); using fallbacks, retrying every ${Math.round(this.cooldownMs / 100) / 10} s`);
    }
  }

  recordSuccess(): void {
    this.openUntil = 0;
    this.consecutiveTimeouts = 0;
    if (!this.healthy) {
      this.healthy = true;
      this.lastError = undefined;
      this.logger.info(`${this.label}: available again`);
    }
  }

  reset(): void {
    this.openUntil = 0;
    this.consecutiveTimeouts = 0;
    this.healthy = true;
    this.lastError = undefined;
  }
}
