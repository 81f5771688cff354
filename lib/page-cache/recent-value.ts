// No "server-only": used by the page cache in server.mjs (outside Next's bundle).
import { withRedis, type RedisRole } from "@/lib/redis";

type TRedis = Parameters<Parameters<typeof withRedis>[0]>[0];

/**
 * A value read from Redis at most once per `ttlMs` (concurrent callers share
 * one read); null when Redis cannot be asked, which is also kept for `ttlMs`.
 */
export class RecentRedisValue<T> {
  private value: T | null = null;
  private readAt = 0;
  private pending: Promise<T | null> | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly read: (redis: TRedis) => Promise<T>,
    private readonly role: RedisRole = "state",
  ) {}

  /** The value when it was read less than `ttlMs` ago (no promise: a page-cache hit stays synchronous); else undefined. */
  recent(): T | null | undefined {
    return Date.now() - this.readAt < this.ttlMs ? this.value : undefined;
  }

  async current(): Promise<T | null> {
    if (Date.now() - this.readAt < this.ttlMs) return this.value;
    this.pending ??= withRedis(this.read, null, { timeoutMs: 250, role: this.role }).then((value) => {
      this.value = value;
      this.readAt = Date.now();
      this.pending = null;
      return value;
    });
    return this.pending;
  }
}
