-- PostgreSQL's full-text indexes became one per language configuration, written directly.
-- SQLite's FTS5 table is one index for every language: nothing to change, but the versions
-- of both backends stay in step.
SELECT 1;
