//! The knowledge SQL both backends share, and what differs: the full-text index (SQLite keeps
//! an FTS5 table up to date with triggers, PostgreSQL a tsvector column per row, built with
//! the configuration of the row's language) and so the lexical query and the rows' inserts.

use frontdesk_domain::ClinicId;
use uuid::Uuid;

use super::{WordMatch, word_expression};
use crate::jobs::{ExtractJob, JobPayload};

/// The text search configuration PostgreSQL uses for a language.
pub(crate) fn text_search_config(language: Option<&str>) -> &'static str {
    match language {
        Some("en") => "english",
        Some("tr") => "turkish",
        Some("pt") => "portuguese",
        Some("es") => "spanish",
        _ => "simple",
    }
}

/// The payload of a document's extraction job.
pub(crate) fn extraction_payload(
    clinic: ClinicId,
    document: Uuid,
    revision: i64,
) -> serde_json::Value {
    ExtractJob {
        clinic_id: clinic,
        document_id: document,
        revision,
    }
    .to_value()
}

/// Queues a document's extraction; one lane per document, so a replacement waits for the
/// extraction already running.
pub(crate) const INSERT_EXTRACTION: &str = "INSERT INTO jobs (id, kind, payload, dedupe_key, lane, status, run_at, attempts, \
     max_attempts, lease_until, worker, last_error, created_at, updated_at) \
     VALUES ($1, $5, $2, NULL, $3, 'queued', $4, 0, $6, NULL, NULL, NULL, $4, $4)";

/// The lane of a document's reading jobs: one at a time per document.
pub(crate) fn extraction_lane(document: Uuid) -> String {
    format!("document:{document}")
}

/// The lanes of the document readings workers hold now; ordered by the lease so the partial
/// index of running jobs serves it.
pub(crate) const RUNNING_EXTRACTIONS: &str = "SELECT lane FROM jobs WHERE status = 'running' \
     AND kind = $1 ORDER BY lease_until";

/// Moves a clinic's knowledge version on.
pub(crate) const BUMP_VERSION: &str = "INSERT INTO knowledge_versions (clinic_id, version) VALUES ($1, 1) \
     ON CONFLICT (clinic_id) DO UPDATE SET version = knowledge_versions.version + 1";

/// An FTS5 expression matching the query's terms as `matching` asks (prefixes for longer
/// ones).
pub(crate) fn fts5_query(query: &str, matching: WordMatch) -> String {
    let terms: Vec<String> = crate::knowledge::query_terms(query)
        .iter()
        .map(|t| {
            if t.chars().count() >= 4 {
                format!("\"{t}\"*")
            } else {
                format!("\"{t}\"")
            }
        })
        .collect();
    word_expression(&terms, matching, " AND ", " OR ")
}

/// The text search configurations PostgreSQL rows are indexed with, in the order the lexical
/// query takes their queries.
pub(crate) const TEXT_SEARCH_CONFIGS: [&str; 5] =
    ["english", "turkish", "portuguese", "spanish", "simple"];

/// PostgreSQL: the question's lexemes under each configuration (its own stopwords dropped,
/// its own stemming), in the question's order.
pub(crate) const QUESTION_LEXEMES: &str = "SELECT c.config, ARRAY(SELECT u.lexeme FROM \
     unnest(to_tsvector(c.config::regconfig, $1)) AS u ORDER BY u.positions[1], u.lexeme) \
     FROM unnest($2::text[]) AS c(config)";

/// A `tsquery` over `lexemes` as `matching` asks, or `None` when there is nothing to match.
pub(crate) fn tsquery_text(lexemes: &[String], matching: WordMatch) -> Option<String> {
    let quoted: Vec<String> = lexemes
        .iter()
        .map(|l| format!("'{}'", l.replace('\\', "\\\\").replace('\'', "''")))
        .collect();
    let expression = word_expression(&quoted, matching, " & ", " | ");
    (!expression.is_empty()).then_some(expression)
}

/// The longest question PostgreSQL parses, in characters.
pub(crate) const QUESTION_CHARS: usize = 500;

/// A document's columns and how many of its chunks have a vector from the model bound at
/// `$3` (NULL when that is NULL), by id and clinic.
pub(crate) const DOCUMENT: &str = "SELECT id, title, filename, format, content_type, size_bytes, \
     sha256, language, status, error, chunk_count, revision, created_at, updated_at, \
     CASE WHEN $3 IS NULL THEN NULL ELSE (SELECT COUNT(*) FROM knowledge_chunks k \
     WHERE k.document_id = documents.id AND k.embedding_model = $3) END AS embedded_chunk_count \
     FROM documents WHERE id = $1 AND clinic_id = $2";

/// A clinic's documents, newest first, as [`DOCUMENT`] reads one (the model at `$2`).
pub(crate) const DOCUMENTS: &str = "SELECT id, title, filename, format, content_type, size_bytes, \
     sha256, language, status, error, chunk_count, revision, created_at, updated_at, \
     CASE WHEN $2 IS NULL THEN NULL ELSE (SELECT COUNT(*) FROM knowledge_chunks k \
     WHERE k.document_id = documents.id AND k.embedding_model = $2) END AS embedded_chunk_count \
     FROM documents WHERE clinic_id = $1 ORDER BY created_at DESC, id DESC";

/// A new document, its reading still to come.
pub(crate) const INSERT_DOCUMENT: &str = "INSERT INTO documents (id, clinic_id, title, filename, \
     format, content_type, size_bytes, sha256, content, language, status, error, chunk_count, \
     revision, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, 'processing', NULL, 0, 1, $10, $10)";

/// A document's new file: a new revision to read.
pub(crate) const REPLACE_DOCUMENT: &str = "UPDATE documents SET title = $3, filename = $4, \
     format = $5, content_type = $6, size_bytes = $7, sha256 = $8, content = $9, \
     status = 'processing', error = NULL, revision = revision + 1, updated_at = $10 \
     WHERE id = $1 AND clinic_id = $2 RETURNING revision";

/// A document's file.
pub(crate) const DOCUMENT_CONTENT: &str =
    "SELECT content FROM documents WHERE id = $1 AND clinic_id = $2";

/// The revision a document is at.
pub(crate) const DOCUMENT_REVISION: &str =
    "SELECT revision FROM documents WHERE id = $1 AND clinic_id = $2";

/// A reading that failed (a failed replacement leaves the previous text's chunks in place).
pub(crate) const DOCUMENT_FAILED: &str =
    "UPDATE documents SET status = 'failed', error = $2, updated_at = $3 WHERE id = $1";

/// A reading that succeeded.
pub(crate) const DOCUMENT_READY: &str = "UPDATE documents SET status = 'ready', error = NULL, \
     language = $2, title = COALESCE($3, title), chunk_count = $4, updated_at = $5 WHERE id = $1";

/// The chunks of a document's previous reading.
pub(crate) const DELETE_CHUNKS: &str = "DELETE FROM knowledge_chunks WHERE document_id = $1";

/// A document's title.
pub(crate) const DOCUMENT_TITLE: &str = "SELECT title FROM documents WHERE id = $1";

/// SQLite's chunk insert (its FTS5 index follows by trigger).
pub(crate) const INSERT_CHUNK_SQLITE: &str = "INSERT INTO knowledge_chunks (id, clinic_id, \
     document_id, position, heading_path, text, language, tokens) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

/// PostgreSQL's chunk insert, with the row's text search configuration and tsvector.
pub(crate) const INSERT_CHUNK_POSTGRES: &str = "INSERT INTO knowledge_chunks (id, clinic_id, \
     document_id, position, heading_path, text, language, tokens, ts_config, tsv) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_tsvector($9::regconfig, $10))";

/// A document, deleted with its chunks.
pub(crate) const DELETE_DOCUMENT: &str = "DELETE FROM documents WHERE id = $1 AND clinic_id = $2";

/// A document's chunks in order.
pub(crate) const DOCUMENT_CHUNKS: &str = "SELECT c.id, c.document_id, d.title, c.position, \
     c.heading_path, c.text, c.language FROM knowledge_chunks c \
     JOIN documents d ON d.id = c.document_id \
     WHERE c.document_id = $1 AND c.clinic_id = $2 ORDER BY c.position";

/// One chunk, by id and clinic.
pub(crate) const CHUNK: &str = "SELECT c.id, c.document_id, d.title, c.position, \
     c.heading_path, c.text, c.language FROM knowledge_chunks c \
     JOIN documents d ON d.id = c.document_id WHERE c.id = $1 AND c.clinic_id = $2";

/// A clinic's FAQs, in one language or all.
pub(crate) const FAQS: &str = "SELECT id, language, question, answer, created_at, updated_at \
     FROM faqs WHERE clinic_id = $1 AND language = COALESCE($2, language) ORDER BY created_at, id";

/// One FAQ, by id and clinic.
pub(crate) const FAQ: &str = "SELECT id, language, question, answer, created_at, updated_at \
     FROM faqs WHERE id = $1 AND clinic_id = $2";

/// SQLite's FAQ insert: `$1` id, `$2` clinic, `$3` language, `$4` question, `$5` answer,
/// `$6` time.
pub(crate) const INSERT_FAQ_SQLITE: &str = "INSERT INTO faqs (id, clinic_id, language, question, \
     answer, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)";

/// PostgreSQL's FAQ insert: the same, then the text search configuration and text.
pub(crate) const INSERT_FAQ_POSTGRES: &str = "INSERT INTO faqs (id, clinic_id, language, question, \
     answer, created_at, updated_at, ts_config, tsv) \
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, to_tsvector($7::regconfig, $8))";

/// SQLite's FAQ update (its vector is made again).
pub(crate) const UPDATE_FAQ_SQLITE: &str = "UPDATE faqs SET language = $3, question = $4, \
     answer = $5, updated_at = $6, embedding = NULL, embedding_model = NULL \
     WHERE id = $1 AND clinic_id = $2";

/// PostgreSQL's FAQ update, with the text search configuration and text.
pub(crate) const UPDATE_FAQ_POSTGRES: &str = "UPDATE faqs SET language = $3, question = $4, \
     answer = $5, updated_at = $6, embedding = NULL, embedding_model = NULL, ts_config = $7, \
     tsv = to_tsvector($7::regconfig, $8) WHERE id = $1 AND clinic_id = $2";

/// An FAQ, deleted.
pub(crate) const DELETE_FAQ: &str = "DELETE FROM faqs WHERE id = $1 AND clinic_id = $2";

/// Texts without a vector from the model at `$2`, chunks first.
pub(crate) const UNEMBEDDED: &str = "SELECT * FROM (SELECT 'chunk' AS kind, c.id, \
     c.heading_path || '\n' || c.text AS body FROM knowledge_chunks c \
     JOIN documents d ON d.id = c.document_id \
     WHERE c.clinic_id = $1 AND (c.embedding_model IS NULL OR c.embedding_model <> $2) \
     UNION ALL SELECT 'faq' AS kind, f.id, f.question || '\n' || f.answer AS body FROM faqs f \
     WHERE f.clinic_id = $1 AND (f.embedding_model IS NULL OR f.embedding_model <> $2)) AS pending \
     ORDER BY kind, id LIMIT $3";

/// A chunk's vector.
pub(crate) const STORE_CHUNK_VECTOR: &str = "UPDATE knowledge_chunks SET embedding = $3, \
     embedding_model = $4 WHERE id = $1 AND clinic_id = $2";

/// An FAQ's vector.
pub(crate) const STORE_FAQ_VECTOR: &str =
    "UPDATE faqs SET embedding = $3, embedding_model = $4 WHERE id = $1 AND clinic_id = $2";

/// A clinic's vectors from the model at `$2`.
pub(crate) const VECTORS: &str = "SELECT 'chunk' AS kind, id, language, embedding \
     FROM knowledge_chunks WHERE clinic_id = $1 AND embedding_model = $2 AND embedding IS NOT NULL \
     UNION ALL SELECT 'faq' AS kind, id, language, embedding FROM faqs \
     WHERE clinic_id = $1 AND embedding_model = $2 AND embedding IS NOT NULL";

/// The clinics with texts lacking a vector from the model at `$1`.
pub(crate) const CLINICS_NEEDING_VECTORS: &str = "SELECT DISTINCT clinic_id FROM knowledge_chunks \
     WHERE embedding_model IS NULL OR embedding_model <> $1 \
     UNION SELECT DISTINCT clinic_id FROM faqs WHERE embedding_model IS NULL OR embedding_model <> $1";

/// A clinic's knowledge version.
pub(crate) const KNOWLEDGE_VERSION: &str =
    "SELECT version FROM knowledge_versions WHERE clinic_id = $1";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsquery_lexemes_are_quoted_whatever_they_hold() {
        let lexemes: Vec<String> = ["it's", r"a\b", "plain"].map(String::from).into();
        assert_eq!(
            tsquery_text(&lexemes, WordMatch::Any).as_deref(),
            Some(r"'it''s' | 'a\\b' | 'plain'")
        );
        assert_eq!(
            tsquery_text(&lexemes[2..], WordMatch::TwoOrMore).as_deref(),
            Some("'plain'")
        );
        assert_eq!(tsquery_text(&[], WordMatch::TwoOrMore), None);
    }

    #[test]
    fn fts5_expressions_quote_terms_and_pair_them() {
        assert_eq!(
            fts5_query("whitening teeth price", WordMatch::TwoOrMore),
            r#"("whiten"* AND "teeth"*) OR ("whiten"* AND "price"*) OR ("teeth"* AND "price"*)"#
        );
        assert_eq!(fts5_query("Do you?", WordMatch::TwoOrMore), "");
    }
}
