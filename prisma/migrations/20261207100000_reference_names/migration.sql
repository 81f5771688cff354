-- Issue 12: reference names per language. `name` stays the English name (and makes the slug); `names` maps a
-- language code of the site other than English (lib/i18n/languages.ts: "id", "ru", …) to the name in that language,
-- so a new language needs no migration. A missing entry falls back to the English name.
ALTER TABLE "event_types" ADD COLUMN "names" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "entrance_types" ADD COLUMN "names" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "participant_groups" ADD COLUMN "names" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "closed_days" ADD COLUMN "names" JSONB NOT NULL DEFAULT '{}';

-- Hand-written: always a JSON object (the app writes { "<code>": "<name>" } only).
ALTER TABLE "event_types" ADD CONSTRAINT "event_types_names_object" CHECK (jsonb_typeof("names") = 'object');
ALTER TABLE "entrance_types" ADD CONSTRAINT "entrance_types_names_object" CHECK (jsonb_typeof("names") = 'object');
ALTER TABLE "participant_groups" ADD CONSTRAINT "participant_groups_names_object" CHECK (jsonb_typeof("names") = 'object');
ALTER TABLE "closed_days" ADD CONSTRAINT "closed_days_names_object" CHECK (jsonb_typeof("names") = 'object');
