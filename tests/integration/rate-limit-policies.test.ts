import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeRedis } from "@/lib/redis";
import { checkRateLimit, RATE_LIMIT_POLICIES, type RateLimitPolicyName } from "@/lib/redis/rate-limit";

describe("every rate limit in the policy table", () => {
  afterAll(async () => {
    await closeRedis();
  });

  for (const policy of Object.keys(RATE_LIMIT_POLICIES) as RateLimitPolicyName[]) {
    const { limit } = RATE_LIMIT_POLICIES[policy];
    it(`${policy}: allows ${limit}, then refuses with a retry time`, async () => {
      const identifier = `test-${randomUUID()}`;
      for (let attempt = 1; attempt <= limit; attempt++) {
        const result = await checkRateLimit(policy, identifier);
        expect(result.success, `attempt ${attempt}`).toBe(true);
      }
      const refused = await checkRateLimit(policy, identifier);
      expect(refused.success).toBe(false);
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      // Another identifier is not affected.
      expect((await checkRateLimit(policy, `${identifier}-other`)).success).toBe(true);
    });
  }
});
