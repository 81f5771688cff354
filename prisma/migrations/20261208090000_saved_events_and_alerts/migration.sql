-- Issue 13: saved events, subscribers (an email address, no account, double opt-in), their alerts and the weekly digest's
-- runs and deliveries (one row per subscriber and week: a retry or a second worker never sends twice).
-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('QUERY', 'CREATOR');

-- CreateEnum
CREATE TYPE "DigestDeliveryStatus" AS ENUM ('PENDING', 'SENT', 'SKIPPED', 'FAILED');

-- CreateTable
CREATE TABLE "subscribers" (
    "id" UUID NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "token" VARCHAR(64) NOT NULL,
    "language" VARCHAR(8) NOT NULL DEFAULT 'en',
    "confirmed_at" TIMESTAMPTZ(3),
    "unsubscribed_at" TIMESTAMPTZ(3),
    "digested_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscribers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_events" (
    "subscriber_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMPTZ(3),

    CONSTRAINT "saved_events_pkey" PRIMARY KEY ("subscriber_id","event_id")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" UUID NOT NULL,
    "subscriber_id" UUID NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "query" VARCHAR(1000),
    "creator_id" UUID,
    "key" VARCHAR(1100) NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "digest_runs" (
    "id" UUID NOT NULL,
    "week" VARCHAR(10) NOT NULL,
    "cutoff" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "digest_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "digest_deliveries" (
    "run_id" UUID NOT NULL,
    "subscriber_id" UUID NOT NULL,
    "status" "DigestDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "event_count" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" VARCHAR(500),
    "sent_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "digest_deliveries_pkey" PRIMARY KEY ("run_id","subscriber_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "subscribers_email_key" ON "subscribers"("email");

-- CreateIndex
CREATE UNIQUE INDEX "subscribers_token_key" ON "subscribers"("token");

-- CreateIndex
CREATE INDEX "subscribers_confirmed_at_idx" ON "subscribers"("confirmed_at");

-- CreateIndex
CREATE INDEX "saved_events_event_id_idx" ON "saved_events"("event_id");

-- CreateIndex
CREATE INDEX "alerts_creator_id_idx" ON "alerts"("creator_id");

-- CreateIndex
CREATE INDEX "alerts_kind_query_idx" ON "alerts"("kind", "query");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_subscriber_id_key_key" ON "alerts"("subscriber_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "digest_runs_week_key" ON "digest_runs"("week");

-- CreateIndex
CREATE INDEX "digest_deliveries_run_id_status_idx" ON "digest_deliveries"("run_id", "status");

-- CreateIndex
CREATE INDEX "digest_deliveries_subscriber_id_idx" ON "digest_deliveries"("subscriber_id");

-- AddForeignKey
ALTER TABLE "saved_events" ADD CONSTRAINT "saved_events_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_events" ADD CONSTRAINT "saved_events_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_creator_id_fkey" FOREIGN KEY ("creator_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "digest_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: an alert is a query or an organiser, never both or neither.
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_kind_target" CHECK (("kind" = 'QUERY' AND "query" IS NOT NULL AND "creator_id" IS NULL) OR ("kind" = 'CREATOR' AND "creator_id" IS NOT NULL AND "query" IS NULL));
