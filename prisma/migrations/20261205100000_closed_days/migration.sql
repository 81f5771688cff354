-- Closed days (issue 11): island-wide days (Nyepi, …) on which every date of a
-- series is cancelled with the note "Cancelled: <name>" (events.cancel_note).
-- AlterTable
ALTER TABLE "events" ADD COLUMN     "cancel_note" VARCHAR(300);

-- CreateTable
CREATE TABLE "closed_days" (
    "id" SERIAL NOT NULL,
    "date" DATE NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID,

    CONSTRAINT "closed_days_pkey" PRIMARY KEY ("id"),
    -- Hand-written: the app trims names and refuses empty ones; so does the table.
    CONSTRAINT "closed_days_name_not_blank" CHECK (char_length(btrim("name")) >= 1)
);

-- CreateIndex
CREATE UNIQUE INDEX "closed_days_date_key" ON "closed_days"("date");

-- AddForeignKey
ALTER TABLE "closed_days" ADD CONSTRAINT "closed_days_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
