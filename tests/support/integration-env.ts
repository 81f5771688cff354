// Runs before every integration test file: point the app's env at the test database and Redis prefix.
import { TEST_AUTH_SECRET, TEST_DATABASE_URL, TEST_REDIS_PREFIX, TEST_REDIS_URL } from "./test-config";

Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: TEST_DATABASE_URL,
  REDIS_URL: TEST_REDIS_URL,
  REDIS_KEY_PREFIX: TEST_REDIS_PREFIX,
  AUTH_SECRET: TEST_AUTH_SECRET,
  APP_URL: "http://localhost:3000",
  TRUST_PROXY: "false",
  CACHE_ENABLED: "true",
  UPLOAD_DIR: "./data/test-uploads",
  // Mail and other jobs run in the test process (the queue tests switch to "auto" themselves).
  JOBS_MODE: "inline",
});
delete process.env.UPSTASH_REDIS_REST_URL;
delete process.env.UPSTASH_REDIS_REST_TOKEN;
delete process.env.ADMIN_EMAIL;
delete process.env.ADMIN_PASSWORD;
// Payments are off unless a test turns them on (a Stripe key in a developer's shell must not change the suite).
process.env.PAYMENT_PROVIDER = "none";
delete process.env.STRIPE_SECRET_KEY;
delete process.env.STRIPE_WEBHOOK_SECRET;
delete process.env.STRIPE_API_BASE;
delete process.env.SMTP_URL;
