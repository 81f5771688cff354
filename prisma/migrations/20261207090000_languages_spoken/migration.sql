-- Issue 12: the languages an event is held in (filter `lang`), and the language of a user's mail.
ALTER TABLE "events" ADD COLUMN "languages" VARCHAR(8)[] NOT NULL DEFAULT ARRAY['en']::VARCHAR(8)[];
ALTER TABLE "users" ADD COLUMN "language" VARCHAR(8) NOT NULL DEFAULT 'en';
