export {
  buildKey,
  cacheSharesStateServer,
  closeRedis,
  createRedis,
  DEFAULT_KEY_PREFIX,
  getRedis,
  getCacheRedisHandle,
  getRedisHandle,
  getRoleHandle,
  key,
  MEMORY_MODE_MESSAGE,
  normalisePrefix,
  redisMode,
  resetRedisForTests,
  type CreateRedisOptions,
  type KeyPart,
  type RedisHandle,
  type RedisMode,
  type RedisRole,
} from "@/lib/redis/client";
export { CircuitBreaker } from "@/lib/redis/circuit-breaker";
export type { CacheStore, CommandPort, JobQueue, PortBatch, RateLimiter, ServerInfo, SessionStore, StatsCounters, TokenStore } from "@/lib/redis/ports";
export { createMemoryRequester, MemoryStore, memoryUnknownCommand, type MemoryRequester } from "@/lib/redis/memory-requester";
export { adaptScript, createTcpRequester, RedisUnavailableError, type TcpRequester } from "@/lib/redis/tcp-requester";
export {
  DEFAULT_PING_TIMEOUT_MS,
  DEFAULT_REDIS_TIMEOUT_MS,
  pingRedis,
  RedisTimeoutError,
  withCacheRedis,
  withRedis,
  type RedisStatus,
  type WithRedisOptions,
} from "@/lib/redis/resilience";
export {
  checkRateLimit,
  DEFAULT_RATE_LIMIT_TIMEOUT_MS,
  InProcessSlidingWindow,
  RATE_LIMIT_POLICIES,
  rateLimitHeaders,
  rateLimiterFor,
  UpstashRateLimiter,
  type CheckRateLimitOptions,
  type RateLimitPolicy,
  type RateLimitPolicyName,
  type RateLimitResult,
} from "@/lib/redis/rate-limit";
