-- Full-text search looks in one clinic and one language configuration at a time. A GIN index
-- over the words alone made PostgreSQL either test every row of the clinic or gather the
-- matches of every clinic; one over (clinic, configuration, words) finds exactly the rows
-- asked for. It needs btree_gin (a contrib extension, trusted since PostgreSQL 13); without
-- it the word-only indexes stay and search is slower, not wrong.
--
-- The clinic is indexed as text: the search names it as text, so the planner cannot pick the
-- plain clinic index and filter its every row by the words (which its costs favour).
DO $$
BEGIN
    BEGIN
        -- In public, not the first schema of the search path: one copy serves every schema.
        CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'btree_gin is not available (%); full-text search keeps word-only indexes', SQLERRM;
    END;
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gin') THEN
        DROP INDEX IF EXISTS knowledge_chunks_text;
        DROP INDEX IF EXISTS faqs_text;
        CREATE INDEX knowledge_chunks_text ON knowledge_chunks USING gin ((clinic_id::text), ts_config, tsv);
        CREATE INDEX faqs_text ON faqs USING gin ((clinic_id::text), ts_config, tsv);
    END IF;
END
$$;
