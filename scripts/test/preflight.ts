/**
 * Before the tests: are PostgreSQL and Redis reachable? If not, say exactly
 * which one and how to start it, instead of a wall of connection errors.
 */
import net from "node:net";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../../tests/support/test-config";

function probe(url: string, defaultPort: number): Promise<string | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ""), port: Number(port || defaultPort) });
    const done = (problem: string | null) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(2_000, () => done("no answer within 2 s"));
    socket.once("connect", () => done(null));
    socket.once("error", (error) => done(error.message));
  });
}

export async function preflight(): Promise<string[]> {
  const problems: string[] = [];
  const pg = await probe(TEST_DATABASE_URL, 5432);
  if (pg) {
    const { host } = new URL(TEST_DATABASE_URL);
    problems.push(
      `PostgreSQL is not reachable at ${host} (${pg}).\n` +
        "  Start it with: docker compose up -d db\n" +
        "  (or: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), or set TEST_DATABASE_URL.",
    );
  }
  const redis = await probe(TEST_REDIS_URL, 6379);
  if (redis) {
    const { host } = new URL(TEST_REDIS_URL);
    problems.push(
      `Redis is not reachable at ${host} (${redis}).\n` +
        "  Start it with: docker compose up -d redis\n" +
        "  (or: redis-server --daemonize yes --port 6379), or set TEST_REDIS_URL.",
    );
  }
  return problems;
}

if (process.argv[1]?.endsWith("preflight.ts")) {
  const problems = await preflight();
  if (problems.length) {
    console.error(`\nThe tests need PostgreSQL and Redis.\n\n${problems.join("\n\n")}\n`);
    process.exit(1);
  }
  console.log("PostgreSQL and Redis are reachable.");
}
