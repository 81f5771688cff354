-- Search prefixes as whole words (issue 10). A typed word is searched as a
-- prefix ("heal" finds "healing"); the full-text index answers `heal:*` by
-- gathering every entry that starts with it into a bitmap first, slow for a
-- common word. This table lists every word that occurs in any event's
-- search_vector, so the app looks up the words a prefix stands for (a range
-- of the primary key, hence the "C" collation) and searches for those
-- instead: see lib/events/search-terms.ts and docs/search-and-indexes.md.

-- CreateTable
CREATE TABLE "search_lexemes" (
    "lexeme" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "search_lexemes_pkey" PRIMARY KEY ("lexeme")
);

-- New words are added once per statement, from the rows it inserted or whose
-- search_vector it changed (an UPDATE that leaves the vector alone, such as a
-- status change, costs a join of its rows and nothing else). Words are
-- inserted in order, so two transactions adding the same new words never
-- wait for each other in a cycle.
CREATE FUNCTION search_lexemes_collect_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_lexemes (lexeme)
  SELECT DISTINCT word FROM changed_events, unnest(tsvector_to_array(changed_events.search_vector)) AS word
  ORDER BY word
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE FUNCTION search_lexemes_collect_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_lexemes (lexeme)
  SELECT DISTINCT word
  FROM changed_events JOIN previous_events ON previous_events.id = changed_events.id,
       unnest(tsvector_to_array(changed_events.search_vector)) AS word
  WHERE changed_events.search_vector IS DISTINCT FROM previous_events.search_vector
  ORDER BY word
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER events_search_lexemes_inserted AFTER INSERT ON "events"
  REFERENCING NEW TABLE AS changed_events
  FOR EACH STATEMENT EXECUTE FUNCTION search_lexemes_collect_inserted();

CREATE TRIGGER events_search_lexemes_updated AFTER UPDATE ON "events"
  REFERENCING OLD TABLE AS previous_events NEW TABLE AS changed_events
  FOR EACH STATEMENT EXECUTE FUNCTION search_lexemes_collect_updated();

-- The words of the events already there.
INSERT INTO search_lexemes (lexeme)
SELECT DISTINCT word FROM "events", unnest(tsvector_to_array(search_vector)) AS word
ORDER BY word
ON CONFLICT DO NOTHING;
