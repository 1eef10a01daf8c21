-- PostgreSQL's full-text indexes gained the clinic and the language configuration. SQLite's
-- FTS5 table already holds its clinic as a column beside the words: nothing to change, but
-- the versions of both backends stay in step.
SELECT 1;
