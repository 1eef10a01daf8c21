//! The knowledge SQL both backends share; what differs is the full-text index (SQLite keeps
//! an FTS5 table up to date with triggers, PostgreSQL a tsvector column per row, built with
//! the configuration of the row's language) and so the lexical query.

use uuid::Uuid;

use crate::knowledge::{WordMatch, word_expression};

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
pub(crate) fn extraction_payload(clinic: Uuid, document: Uuid, revision: i64) -> serde_json::Value {
    serde_json::json!({"clinic_id": clinic, "document_id": document, "revision": revision})
}

/// Queues a document's extraction; one lane per document, so a replacement waits for the
/// extraction already running.
pub(crate) const INSERT_EXTRACTION: &str = "INSERT INTO jobs (id, kind, payload, dedupe_key, lane, status, run_at, attempts, \
     max_attempts, lease_until, worker, last_error, created_at, updated_at) \
     VALUES ($1, 'extract_document', $2, NULL, $3, 'queued', $4, 0, 3, NULL, NULL, NULL, $4, $4)";

/// The lane of a document's reading jobs: one at a time per document.
pub(crate) fn extraction_lane(document: Uuid) -> String {
    format!("document:{document}")
}

/// The lanes of the document readings workers hold now; ordered by the lease so the partial
/// index of running jobs serves it.
pub(crate) const RUNNING_EXTRACTIONS: &str = "SELECT lane FROM jobs WHERE status = 'running' \
     AND kind = 'extract_document' ORDER BY lease_until";

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

macro_rules! document_columns {
    () => {
        "id, title, filename, format, content_type, size_bytes, sha256, language, \
         status, error, chunk_count, revision, created_at, updated_at"
    };
}
/// The column `embedded_chunk_count` of a query over `documents`: how many of the row's
/// chunks have a vector from the model bound at `$model`, or NULL when that is NULL.
macro_rules! embedded_chunk_count {
    ($model:literal) => {
        concat!(
            ", CASE WHEN ",
            $model,
            " IS NULL THEN NULL ELSE (SELECT COUNT(*) FROM knowledge_chunks k \
             WHERE k.document_id = documents.id AND k.embedding_model = ",
            $model,
            ") END AS embedded_chunk_count"
        )
    };
}
macro_rules! chunk_select {
    () => {
        "SELECT c.id, c.document_id, d.title, c.position, c.heading_path, c.text, c.language \
         FROM knowledge_chunks c JOIN documents d ON d.id = c.document_id "
    };
}
macro_rules! faq_columns {
    () => {
        "id, language, question, answer, created_at, updated_at"
    };
}
pub(crate) use {chunk_select, document_columns, embedded_chunk_count, faq_columns};

/// Implements [`crate::KnowledgeStore`] for a backend whose pool is `self.pool`.
macro_rules! knowledge_store {
    (
        $store:ty,
        begin_write: $begin_write:literal,
        text_search_columns: $tsv:literal,
        insert_chunk: $insert_chunk:literal,
        insert_faq: $insert_faq:literal,
        update_faq: $update_faq:literal,
    ) => {
        mod knowledge_impl {
            use async_trait::async_trait;
            use chrono::{DateTime, Utc};
            use frontdesk_domain::ClinicId;
            use uuid::Uuid;

            use super::*;
            use $crate::StoreResult;
            use $crate::error::StoreError;
            use $crate::knowledge::{
                ChunkView, Document, DocumentStatus, Extraction, Faq, KnowledgeKey,
                KnowledgeStore, NewDocument, NewFaq, Unembedded, WordMatch, bytes_vector, join_path,
                split_path, vector_bytes,
            };
            use $crate::knowledge_sql::{
                BUMP_VERSION, INSERT_EXTRACTION, extraction_lane, extraction_payload, text_search_config,
            };
            use $crate::portable::{HasDb, micros};

            type Db = <$store as HasDb>::Db;
            type Tx<'a> = sqlx::Transaction<'a, Db>;


            #[derive(sqlx::FromRow)]
            struct DocumentRow {
                id: Uuid,
                title: String,
                filename: Option<String>,
                format: String,
                content_type: Option<String>,
                size_bytes: i64,
                sha256: String,
                language: Option<String>,
                status: String,
                error: Option<String>,
                chunk_count: i64,
                embedded_chunk_count: Option<i64>,
                revision: i64,
                created_at: DateTime<Utc>,
                updated_at: DateTime<Utc>,
            }

            impl TryFrom<DocumentRow> for Document {
                type Error = StoreError;
                fn try_from(r: DocumentRow) -> Result<Self, StoreError> {
                    let stored = DocumentStatus::parse(&r.status).ok_or_else(|| {
                        StoreError::Corrupt(format!("document status {:?}", r.status))
                    })?;
                    // Extracted is not yet searchable by meaning: `ready` waits for the vectors.
                    let status = match r.embedded_chunk_count {
                        Some(embedded) if stored == DocumentStatus::Ready && embedded < r.chunk_count => {
                            DocumentStatus::Embedding
                        }
                        _ => stored,
                    };
                    Ok(Document {
                        status,
                        embedded_chunk_count: r.embedded_chunk_count,
                        id: r.id,
                        title: r.title,
                        filename: r.filename,
                        format: r.format,
                        content_type: r.content_type,
                        size_bytes: r.size_bytes,
                        sha256: r.sha256,
                        language: r.language,
                        error: r.error,
                        chunk_count: r.chunk_count,
                        revision: r.revision,
                        created_at: r.created_at,
                        updated_at: r.updated_at,
                    })
                }
            }

            #[derive(sqlx::FromRow)]
            struct ChunkRow {
                id: Uuid,
                document_id: Uuid,
                title: String,
                position: i64,
                heading_path: String,
                text: String,
                language: Option<String>,
            }

            impl From<ChunkRow> for ChunkView {
                fn from(r: ChunkRow) -> Self {
                    ChunkView {
                        id: r.id,
                        document_id: r.document_id,
                        document_title: r.title,
                        position: r.position,
                        heading_path: split_path(&r.heading_path),
                        text: r.text,
                        language: r.language,
                    }
                }
            }

            #[derive(sqlx::FromRow)]
            struct FaqRow {
                id: Uuid,
                language: String,
                question: String,
                answer: String,
                created_at: DateTime<Utc>,
                updated_at: DateTime<Utc>,
            }

            impl From<FaqRow> for Faq {
                fn from(r: FaqRow) -> Self {
                    Faq {
                        id: r.id,
                        language: r.language,
                        question: r.question,
                        answer: r.answer,
                        created_at: r.created_at,
                        updated_at: r.updated_at,
                    }
                }
            }

            type Query<'q> = sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments>;

            /// Binds the text-search columns (the configuration, and the text its tsvector is
            /// built from) on the backend that keeps them in the row.
            fn searchable<'q>(query: Query<'q>, language: Option<&str>, body: String) -> Query<'q> {
                if $tsv {
                    query.bind(text_search_config(language)).bind(body)
                } else {
                    query
                }
            }

            /// An FAQ insert or update: `$1` id, `$2` clinic, `$3` language, `$4` question,
            /// `$5` answer, `$6` time, then the text-search columns.
            fn faq_write<'q>(sql: &'static str, id: Uuid, clinic: ClinicId, new: &'q NewFaq, now: DateTime<Utc>) -> Query<'q> {
                let query = sqlx::query(sql)
                    .bind(id)
                    .bind(clinic.as_uuid())
                    .bind(&new.language)
                    .bind(&new.question)
                    .bind(&new.answer)
                    .bind(now);
                searchable(query, Some(&new.language), format!("{} {}", new.question, new.answer))
            }

            fn key(kind: &str, id: Uuid) -> KnowledgeKey {
                if kind == "faq" { KnowledgeKey::Faq(id) } else { KnowledgeKey::Chunk(id) }
            }

            impl $store {
                async fn knowledge_tx(&self) -> StoreResult<Tx<'_>> {
                    Ok(self.pool.begin_with($begin_write).await?)
                }

                /// Runs a clinic-scoped `DELETE` of one row (`$1` id, `$2` clinic) and moves the
                /// clinic's knowledge version on; `NotFound` when nothing matched.
                async fn delete_scoped(&self, sql: &'static str, clinic: ClinicId, id: Uuid) -> StoreResult<()> {
                    let mut tx = self.knowledge_tx().await?;
                    let done = sqlx::query(sql).bind(id).bind(clinic.as_uuid()).execute(&mut *tx).await?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    Self::bump(&mut tx, clinic).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn bump(tx: &mut Tx<'_>, clinic: ClinicId) -> StoreResult<()> {
                    sqlx::query(BUMP_VERSION).bind(clinic.as_uuid()).execute(&mut **tx).await?;
                    Ok(())
                }

                async fn queue_extraction(
                    tx: &mut Tx<'_>,
                    clinic: ClinicId,
                    document: Uuid,
                    revision: i64,
                    now: DateTime<Utc>,
                ) -> StoreResult<()> {
                    sqlx::query(INSERT_EXTRACTION)
                        .bind(Uuid::now_v7())
                        .bind(sqlx::types::Json(extraction_payload(clinic.as_uuid(), document, revision)))
                        .bind(extraction_lane(document))
                        .bind(now)
                        .execute(&mut **tx)
                        .await?;
                    Ok(())
                }

                /// Marks the queued documents whose reading a worker holds now as `extracting`
                /// (running jobs are few, and their partial index lists them).
                async fn with_reading(&self, mut documents: Vec<Document>) -> StoreResult<Vec<Document>> {
                    if !documents.iter().any(|d| d.status == DocumentStatus::Queued) {
                        return Ok(documents);
                    }
                    let running: Vec<(Option<String>,)> = sqlx::query_as($crate::knowledge_sql::RUNNING_EXTRACTIONS)
                        .fetch_all(&self.pool)
                        .await?;
                    let running: std::collections::HashSet<String> = running.into_iter().filter_map(|(lane,)| lane).collect();
                    for d in documents.iter_mut().filter(|d| d.status == DocumentStatus::Queued) {
                        if running.contains(&$crate::knowledge_sql::extraction_lane(d.id)) {
                            d.status = DocumentStatus::Extracting;
                        }
                    }
                    Ok(documents)
                }

                async fn document_on<'e, E>(exec: E, clinic: ClinicId, id: Uuid, model: Option<&str>) -> StoreResult<Document>
                where
                    E: sqlx::Executor<'e, Database = Db>,
                {
                    let row: Option<DocumentRow> = sqlx::query_as(concat!(
                        "SELECT ", $crate::knowledge_sql::document_columns!(), $crate::knowledge_sql::embedded_chunk_count!("$3"),
                        " FROM documents WHERE id = $1 AND clinic_id = $2"
                    ))
                    .bind(id)
                    .bind(clinic.as_uuid())
                    .bind(model)
                    .fetch_optional(exec)
                    .await?;
                    row.ok_or(StoreError::NotFound)?.try_into()
                }

                async fn faq_on<'e, E>(exec: E, clinic: ClinicId, id: Uuid) -> StoreResult<Faq>
                where
                    E: sqlx::Executor<'e, Database = Db>,
                {
                    let row: Option<FaqRow> = sqlx::query_as(concat!(
                        "SELECT ", $crate::knowledge_sql::faq_columns!(), " FROM faqs WHERE id = $1 AND clinic_id = $2"
                    ))
                    .bind(id)
                    .bind(clinic.as_uuid())
                    .fetch_optional(exec)
                    .await?;
                    Ok(row.ok_or(StoreError::NotFound)?.into())
                }

                async fn insert_faq(tx: &mut Tx<'_>, clinic: ClinicId, new: &NewFaq, now: DateTime<Utc>) -> StoreResult<Uuid> {
                    let id = Uuid::now_v7();
                    let query = faq_write($insert_faq, id, clinic, new, now);
                    query.execute(&mut **tx).await?;
                    Ok(id)
                }
            }

            #[async_trait]
            impl KnowledgeStore for $store {
                async fn create_document(&self, clinic: ClinicId, new: &NewDocument, model: Option<&str>, now: DateTime<Utc>) -> StoreResult<Document> {
                    let now = micros(now);
                    let id = Uuid::now_v7();
                    let mut tx = self.knowledge_tx().await?;
                    sqlx::query(
                        "INSERT INTO documents (id, clinic_id, title, filename, format, content_type, size_bytes, sha256, \
                         content, language, status, error, chunk_count, revision, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, 'processing', NULL, 0, 1, $10, $10)",
                    )
                    .bind(id)
                    .bind(clinic.as_uuid())
                    .bind(&new.title)
                    .bind(&new.filename)
                    .bind(&new.format)
                    .bind(&new.content_type)
                    .bind(new.content.len() as i64)
                    .bind(&new.sha256)
                    .bind(&new.content)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    Self::queue_extraction(&mut tx, clinic, id, 1, now).await?;
                    Self::bump(&mut tx, clinic).await?;
                    let document = Self::document_on(&mut *tx, clinic, id, model).await?;
                    tx.commit().await?;
                    Ok(document)
                }

                async fn replace_document(&self, clinic: ClinicId, id: Uuid, new: &NewDocument, model: Option<&str>, now: DateTime<Utc>) -> StoreResult<Document> {
                    let now = micros(now);
                    let mut tx = self.knowledge_tx().await?;
                    let revision: Option<i64> = sqlx::query_scalar(
                        "UPDATE documents SET title = $3, filename = $4, format = $5, content_type = $6, size_bytes = $7, \
                         sha256 = $8, content = $9, status = 'processing', error = NULL, revision = revision + 1, \
                         updated_at = $10 WHERE id = $1 AND clinic_id = $2 RETURNING revision",
                    )
                    .bind(id)
                    .bind(clinic.as_uuid())
                    .bind(&new.title)
                    .bind(&new.filename)
                    .bind(&new.format)
                    .bind(&new.content_type)
                    .bind(new.content.len() as i64)
                    .bind(&new.sha256)
                    .bind(&new.content)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let revision = revision.ok_or(StoreError::NotFound)?;
                    Self::queue_extraction(&mut tx, clinic, id, revision, now).await?;
                    Self::bump(&mut tx, clinic).await?;
                    let document = Self::document_on(&mut *tx, clinic, id, model).await?;
                    tx.commit().await?;
                    Ok(document)
                }

                async fn documents(&self, clinic: ClinicId, model: Option<&str>) -> StoreResult<Vec<Document>> {
                    let rows: Vec<DocumentRow> = sqlx::query_as(concat!(
                        "SELECT ", $crate::knowledge_sql::document_columns!(), $crate::knowledge_sql::embedded_chunk_count!("$2"),
                        " FROM documents WHERE clinic_id = $1 ORDER BY created_at DESC, id DESC"
                    ))
                    .bind(clinic.as_uuid())
                    .bind(model)
                    .fetch_all(&self.pool)
                    .await?;
                    let documents = rows.into_iter().map(Document::try_from).collect::<StoreResult<Vec<_>>>()?;
                    self.with_reading(documents).await
                }

                async fn document(&self, clinic: ClinicId, id: Uuid, model: Option<&str>) -> StoreResult<Document> {
                    let document = Self::document_on(&self.pool, clinic, id, model).await?;
                    Ok(self.with_reading(vec![document]).await?.remove(0))
                }

                async fn document_content(&self, clinic: ClinicId, id: Uuid) -> StoreResult<(Document, Vec<u8>)> {
                    let mut conn = self.pool.acquire().await?;
                    let document = Self::document_on(&mut *conn, clinic, id, None).await?;
                    let content: Vec<u8> = sqlx::query_scalar("SELECT content FROM documents WHERE id = $1 AND clinic_id = $2")
                        .bind(id)
                        .bind(clinic.as_uuid())
                        .fetch_one(&mut *conn)
                        .await?;
                    Ok((document, content))
                }

                async fn finish_extraction(
                    &self,
                    clinic: ClinicId,
                    id: Uuid,
                    revision: i64,
                    outcome: &Extraction,
                    now: DateTime<Utc>,
                ) -> StoreResult<bool> {
                    let now = micros(now);
                    let mut tx = self.knowledge_tx().await?;
                    let current: Option<i64> = sqlx::query_scalar(
                        "SELECT revision FROM documents WHERE id = $1 AND clinic_id = $2",
                    )
                    .bind(id)
                    .bind(clinic.as_uuid())
                    .fetch_optional(&mut *tx)
                    .await?;
                    if current != Some(revision) {
                        return Ok(false);
                    }
                    match outcome {
                        Extraction::Failed(error) => {
                            // A failed replacement leaves the previous text's chunks in place.
                            sqlx::query("UPDATE documents SET status = 'failed', error = $2, updated_at = $3 WHERE id = $1")
                                .bind(id)
                                .bind(error)
                                .bind(now)
                                .execute(&mut *tx)
                                .await?;
                        }
                        Extraction::Ready { title, language, chunks } => {
                            sqlx::query("UPDATE documents SET status = 'ready', error = NULL, language = $2, \
                                 title = COALESCE($3, title), chunk_count = $4, updated_at = $5 WHERE id = $1")
                                .bind(id)
                                .bind(language)
                                .bind(title)
                                .bind(chunks.len() as i64)
                                .bind(now)
                                .execute(&mut *tx)
                                .await?;
                            sqlx::query("DELETE FROM knowledge_chunks WHERE document_id = $1")
                                .bind(id)
                                .execute(&mut *tx)
                                .await?;
                            let doc_title: String = sqlx::query_scalar("SELECT title FROM documents WHERE id = $1")
                                .bind(id)
                                .fetch_one(&mut *tx)
                                .await?;
                            for chunk in chunks {
                                let path = join_path(&chunk.heading_path);
                                let query = sqlx::query($insert_chunk)
                                    .bind(Uuid::now_v7())
                                    .bind(clinic.as_uuid())
                                    .bind(id)
                                    .bind(i64::from(chunk.position))
                                    .bind(&path)
                                    .bind(&chunk.text)
                                    .bind(language)
                                    .bind(i64::from(chunk.tokens));
                                let body = format!("{doc_title} {path} {}", chunk.text);
                                let query = searchable(query, language.as_deref(), body);
                                query.execute(&mut *tx).await?;
                            }
                        }
                    }
                    Self::bump(&mut tx, clinic).await?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn delete_document(&self, clinic: ClinicId, id: Uuid) -> StoreResult<()> {
                    self.delete_scoped("DELETE FROM documents WHERE id = $1 AND clinic_id = $2", clinic, id).await
                }

                async fn document_chunks(&self, clinic: ClinicId, id: Uuid) -> StoreResult<Vec<ChunkView>> {
                    Self::document_on(&self.pool, clinic, id, None).await?;
                    let rows: Vec<ChunkRow> = sqlx::query_as(concat!(
                        $crate::knowledge_sql::chunk_select!(), "WHERE c.document_id = $1 AND c.clinic_id = $2 ORDER BY c.position"
                    ))
                    .bind(id)
                    .bind(clinic.as_uuid())
                    .fetch_all(&self.pool)
                    .await?;
                    Ok(rows.into_iter().map(ChunkView::from).collect())
                }

                async fn faqs(&self, clinic: ClinicId, language: Option<&str>) -> StoreResult<Vec<Faq>> {
                    let rows: Vec<FaqRow> = sqlx::query_as(concat!(
                        "SELECT ", $crate::knowledge_sql::faq_columns!(),
                        " FROM faqs WHERE clinic_id = $1 AND language = COALESCE($2, language) ORDER BY created_at, id"
                    ))
                    .bind(clinic.as_uuid())
                    .bind(language)
                    .fetch_all(&self.pool)
                    .await?;
                    Ok(rows.into_iter().map(Faq::from).collect())
                }

                async fn faq(&self, clinic: ClinicId, id: Uuid) -> StoreResult<Faq> {
                    Self::faq_on(&self.pool, clinic, id).await
                }

                async fn create_faqs(&self, clinic: ClinicId, new: &[NewFaq], now: DateTime<Utc>) -> StoreResult<Vec<Faq>> {
                    let now = micros(now);
                    let mut tx = self.knowledge_tx().await?;
                    let mut ids = Vec::with_capacity(new.len());
                    for faq in new {
                        ids.push(Self::insert_faq(&mut tx, clinic, faq, now).await?);
                    }
                    Self::bump(&mut tx, clinic).await?;
                    let mut created = Vec::with_capacity(ids.len());
                    for id in ids {
                        created.push(Self::faq_on(&mut *tx, clinic, id).await?);
                    }
                    tx.commit().await?;
                    Ok(created)
                }

                async fn update_faq(&self, clinic: ClinicId, id: Uuid, new: &NewFaq, now: DateTime<Utc>) -> StoreResult<Faq> {
                    let now = micros(now);
                    let mut tx = self.knowledge_tx().await?;
                    let query = faq_write($update_faq, id, clinic, new, now);
                    if query.execute(&mut *tx).await?.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    Self::bump(&mut tx, clinic).await?;
                    let faq = Self::faq_on(&mut *tx, clinic, id).await?;
                    tx.commit().await?;
                    Ok(faq)
                }

                async fn delete_faq(&self, clinic: ClinicId, id: Uuid) -> StoreResult<()> {
                    self.delete_scoped("DELETE FROM faqs WHERE id = $1 AND clinic_id = $2", clinic, id).await
                }

                async fn unembedded(&self, clinic: ClinicId, model: &str, limit: u32) -> StoreResult<Vec<Unembedded>> {
                    let rows: Vec<(String, Uuid, String)> = sqlx::query_as(
                        "SELECT * FROM (SELECT 'chunk' AS kind, c.id, c.heading_path || '\n' || c.text AS body \
                         FROM knowledge_chunks c JOIN documents d ON d.id = c.document_id \
                         WHERE c.clinic_id = $1 AND (c.embedding_model IS NULL OR c.embedding_model <> $2) \
                         UNION ALL SELECT 'faq' AS kind, f.id, f.question || '\n' || f.answer AS body FROM faqs f \
                         WHERE f.clinic_id = $1 AND (f.embedding_model IS NULL OR f.embedding_model <> $2)) AS pending \
                         ORDER BY kind, id LIMIT $3",
                    )
                    .bind(clinic.as_uuid())
                    .bind(model)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?;
                    Ok(rows
                        .into_iter()
                        .map(|(kind, id, text)| Unembedded { key: key(&kind, id), text })
                        .collect())
                }

                async fn store_vectors(&self, clinic: ClinicId, model: &str, vectors: &[(KnowledgeKey, Vec<f32>)]) -> StoreResult<()> {
                    let mut tx = self.knowledge_tx().await?;
                    for (key, vector) in vectors {
                        let (sql, id) = match key {
                            KnowledgeKey::Chunk(id) => (
                                "UPDATE knowledge_chunks SET embedding = $3, embedding_model = $4 WHERE id = $1 AND clinic_id = $2",
                                id,
                            ),
                            KnowledgeKey::Faq(id) => (
                                "UPDATE faqs SET embedding = $3, embedding_model = $4 WHERE id = $1 AND clinic_id = $2",
                                id,
                            ),
                        };
                        sqlx::query(sql)
                            .bind(id)
                            .bind(clinic.as_uuid())
                            .bind(vector_bytes(vector))
                            .bind(model)
                            .execute(&mut *tx)
                            .await?;
                    }
                    Self::bump(&mut tx, clinic).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn vectors(&self, clinic: ClinicId, model: &str) -> StoreResult<Vec<(KnowledgeKey, Option<String>, Vec<f32>)>> {
                    let rows: Vec<(String, Uuid, Option<String>, Vec<u8>)> = sqlx::query_as(
                        "SELECT 'chunk' AS kind, id, language, embedding FROM knowledge_chunks \
                         WHERE clinic_id = $1 AND embedding_model = $2 AND embedding IS NOT NULL \
                         UNION ALL SELECT 'faq' AS kind, id, language, embedding FROM faqs \
                         WHERE clinic_id = $1 AND embedding_model = $2 AND embedding IS NOT NULL",
                    )
                    .bind(clinic.as_uuid())
                    .bind(model)
                    .fetch_all(&self.pool)
                    .await?;
                    Ok(rows.into_iter().map(|(kind, id, language, bytes)| (key(&kind, id), language, bytes_vector(&bytes))).collect())
                }

                async fn clinics_needing_vectors(&self, model: &str) -> StoreResult<Vec<ClinicId>> {
                    let rows: Vec<Uuid> = sqlx::query_scalar(
                        "SELECT DISTINCT clinic_id FROM knowledge_chunks WHERE embedding_model IS NULL OR embedding_model <> $1 \
                         UNION SELECT DISTINCT clinic_id FROM faqs WHERE embedding_model IS NULL OR embedding_model <> $1",
                    )
                    .bind(model)
                    .fetch_all(&self.pool)
                    .await?;
                    Ok(rows.into_iter().map(ClinicId::from_uuid).collect())
                }

                async fn knowledge_version(&self, clinic: ClinicId) -> StoreResult<i64> {
                    let version: Option<i64> = sqlx::query_scalar("SELECT version FROM knowledge_versions WHERE clinic_id = $1")
                        .bind(clinic.as_uuid())
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(version.unwrap_or(0))
                }

                async fn lexical_search(&self, clinic: ClinicId, query: &str, limit: u32, matching: WordMatch) -> StoreResult<Vec<KnowledgeKey>> {
                    let rows = self.backend_lexical_search(clinic, query, limit, matching).await?;
                    Ok(rows.into_iter().map(|(kind, id)| key(&kind, id)).collect())
                }

                async fn chunks_by_id(&self, clinic: ClinicId, ids: &[Uuid]) -> StoreResult<Vec<ChunkView>> {
                    let mut out = Vec::with_capacity(ids.len());
                    let mut conn = self.pool.acquire().await?;
                    for id in ids {
                        let row: Option<ChunkRow> = sqlx::query_as(concat!($crate::knowledge_sql::chunk_select!(), "WHERE c.id = $1 AND c.clinic_id = $2"))
                            .bind(id)
                            .bind(clinic.as_uuid())
                            .fetch_optional(&mut *conn)
                            .await?;
                        out.extend(row.map(ChunkView::from));
                    }
                    Ok(out)
                }

                async fn faqs_by_id(&self, clinic: ClinicId, ids: &[Uuid]) -> StoreResult<Vec<Faq>> {
                    let mut out = Vec::with_capacity(ids.len());
                    let mut conn = self.pool.acquire().await?;
                    for id in ids {
                        match Self::faq_on(&mut *conn, clinic, *id).await {
                            Ok(faq) => out.push(faq),
                            Err(StoreError::NotFound) => {}
                            Err(e) => return Err(e),
                        }
                    }
                    Ok(out)
                }
            }
        }
    };
}

pub(crate) use knowledge_store;

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
