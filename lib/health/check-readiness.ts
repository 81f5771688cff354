import "server-only";
import { checkHealth } from "./check-health";
import { HealthChangeLog, toReadiness, type TReadiness } from "./readiness";

const changes = new HealthChangeLog();

/**
 * GET /api/health, the readiness check a load balancer polls: PostgreSQL and
 * Redis checked, the reasons of a change logged, the states returned without
 * any error text.
 */
export async function checkReadiness(): Promise<TReadiness> {
  const health = await checkHealth();
  changes.record(health);
  return toReadiness(health);
}
