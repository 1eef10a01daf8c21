//! [`KnowledgeStore`] on either backend. Every change moves the clinic's knowledge version on
//! in the same commit, so the server's cached vector index knows when to reload.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use frontdesk_domain::ClinicId;
use sqlx::types::Json;
use sqlx::{Database, Encode, Executor, FromRow, IntoArguments, Transaction, Type};
use uuid::Uuid;

use super::queries::{
    BUMP_VERSION, CHUNK, CLINICS_NEEDING_VECTORS, DELETE_CHUNKS, DELETE_DOCUMENT, DELETE_FAQ,
    DOCUMENT, DOCUMENT_CHUNKS, DOCUMENT_CONTENT, DOCUMENT_FAILED, DOCUMENT_READY,
    DOCUMENT_REVISION, DOCUMENT_TITLE, DOCUMENTS, FAQ, FAQS, INSERT_DOCUMENT, INSERT_EXTRACTION,
    KNOWLEDGE_VERSION, REPLACE_DOCUMENT, RUNNING_EXTRACTIONS, STORE_CHUNK_VECTOR, STORE_FAQ_VECTOR,
    UNEMBEDDED, VECTORS, extraction_lane, extraction_payload, text_search_config,
};
use super::{
    ChunkView, Document, DocumentStatus, Extraction, Faq, KnowledgeKey, KnowledgeStore,
    NewDocument, NewFaq, Unembedded, WordMatch, bytes_vector, join_path, split_path, vector_bytes,
};
use crate::StoreResult;
use crate::backend::{Backend, Dialect};
use crate::error::StoreError;
use crate::jobs::JobKind;
use crate::portable::micros;

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
        let stored = DocumentStatus::parse(&r.status)
            .ok_or_else(|| StoreError::Corrupt(format!("document status {:?}", r.status)))?;
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

fn key(kind: &str, id: Uuid) -> KnowledgeKey {
    if kind == "faq" {
        KnowledgeKey::Faq(id)
    } else {
        KnowledgeKey::Chunk(id)
    }
}

type Query<'q, DB> = sqlx::query::Query<'q, DB, <DB as Database>::Arguments>;

/// Binds the text-search columns (the configuration, and the text its tsvector is built from)
/// on the backend that keeps them in the row.
fn searchable<'q, DB>(query: Query<'q, DB>, language: Option<&str>, body: String) -> Query<'q, DB>
where
    DB: Dialect,
    for<'a> &'a str: Encode<'a, DB> + Type<DB>,
    for<'a> String: Encode<'a, DB> + Type<DB>,
{
    if DB::TEXT_SEARCH_COLUMNS {
        query.bind(text_search_config(language)).bind(body)
    } else {
        query
    }
}

#[async_trait]
impl<S> KnowledgeStore for S
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> String: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<String>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i64: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Vec<u8>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> DateTime<Utc>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Json<serde_json::Value>: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> DocumentRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ChunkRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> FaqRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (i64,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (String,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Vec<u8>,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Option<String>,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (String, Uuid, String): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (String, Uuid, Option<String>, Vec<u8>): FromRow<'r, <S::Db as Database>::Row>,
{
    async fn create_document(
        &self,
        clinic: ClinicId,
        new: &NewDocument,
        model: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<Document> {
        let now = micros(now);
        let id = Uuid::now_v7();
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        sqlx::query(INSERT_DOCUMENT)
            .bind(id)
            .bind(clinic.as_uuid())
            .bind(new.title.clone())
            .bind(new.filename.clone())
            .bind(new.format.clone())
            .bind(new.content_type.clone())
            .bind(new.content.len() as i64)
            .bind(new.sha256.clone())
            .bind(new.content.clone())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        queue_extraction(&mut tx, clinic, id, 1, now).await?;
        bump(&mut tx, clinic).await?;
        let document = document_on(&mut tx, clinic, id, model).await?;
        tx.commit().await?;
        Ok(document)
    }

    async fn replace_document(
        &self,
        clinic: ClinicId,
        id: Uuid,
        new: &NewDocument,
        model: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<Document> {
        let now = micros(now);
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let revision: Option<(i64,)> = sqlx::query_as(REPLACE_DOCUMENT)
            .bind(id)
            .bind(clinic.as_uuid())
            .bind(new.title.clone())
            .bind(new.filename.clone())
            .bind(new.format.clone())
            .bind(new.content_type.clone())
            .bind(new.content.len() as i64)
            .bind(new.sha256.clone())
            .bind(new.content.clone())
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
        let (revision,) = revision.ok_or(StoreError::NotFound)?;
        queue_extraction(&mut tx, clinic, id, revision, now).await?;
        bump(&mut tx, clinic).await?;
        let document = document_on(&mut tx, clinic, id, model).await?;
        tx.commit().await?;
        Ok(document)
    }

    async fn documents(&self, clinic: ClinicId, model: Option<&str>) -> StoreResult<Vec<Document>> {
        let rows: Vec<DocumentRow> = sqlx::query_as(DOCUMENTS)
            .bind(clinic.as_uuid())
            .bind(model.map(str::to_string))
            .fetch_all(self.pool())
            .await?;
        let documents = rows
            .into_iter()
            .map(Document::try_from)
            .collect::<StoreResult<Vec<_>>>()?;
        with_reading(self, documents).await
    }

    async fn document(
        &self,
        clinic: ClinicId,
        id: Uuid,
        model: Option<&str>,
    ) -> StoreResult<Document> {
        let mut conn = self.pool().acquire().await?;
        let document = document_on(&mut conn, clinic, id, model).await?;
        drop(conn);
        Ok(with_reading(self, vec![document]).await?.remove(0))
    }

    async fn document_content(
        &self,
        clinic: ClinicId,
        id: Uuid,
    ) -> StoreResult<(Document, Vec<u8>)> {
        let mut conn = self.pool().acquire().await?;
        let document = document_on(&mut conn, clinic, id, None).await?;
        let (content,): (Vec<u8>,) = sqlx::query_as(DOCUMENT_CONTENT)
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
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let current: Option<(i64,)> = sqlx::query_as(DOCUMENT_REVISION)
            .bind(id)
            .bind(clinic.as_uuid())
            .fetch_optional(&mut *tx)
            .await?;
        if current != Some((revision,)) {
            return Ok(false);
        }
        match outcome {
            Extraction::Failed(error) => {
                sqlx::query(DOCUMENT_FAILED)
                    .bind(id)
                    .bind(error.as_str())
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            Extraction::Ready {
                title,
                language,
                chunks,
            } => {
                sqlx::query(DOCUMENT_READY)
                    .bind(id)
                    .bind(language.clone())
                    .bind(title.clone())
                    .bind(chunks.len() as i64)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(DELETE_CHUNKS)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                let (document_title,): (String,) = sqlx::query_as(DOCUMENT_TITLE)
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                for chunk in chunks {
                    let path = join_path(&chunk.heading_path);
                    let body = format!("{document_title} {path} {}", chunk.text);
                    let query = sqlx::query(S::Db::INSERT_CHUNK)
                        .bind(Uuid::now_v7())
                        .bind(clinic.as_uuid())
                        .bind(id)
                        .bind(i64::from(chunk.position))
                        .bind(path)
                        .bind(chunk.text.clone())
                        .bind(language.clone())
                        .bind(i64::from(chunk.tokens));
                    searchable(query, language.as_deref(), body)
                        .execute(&mut *tx)
                        .await?;
                }
            }
        }
        bump(&mut tx, clinic).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn delete_document(&self, clinic: ClinicId, id: Uuid) -> StoreResult<()> {
        delete_scoped(self, DELETE_DOCUMENT, clinic, id).await
    }

    async fn document_chunks(&self, clinic: ClinicId, id: Uuid) -> StoreResult<Vec<ChunkView>> {
        let mut conn = self.pool().acquire().await?;
        document_on(&mut conn, clinic, id, None).await?;
        let rows: Vec<ChunkRow> = sqlx::query_as(DOCUMENT_CHUNKS)
            .bind(id)
            .bind(clinic.as_uuid())
            .fetch_all(&mut *conn)
            .await?;
        Ok(rows.into_iter().map(ChunkView::from).collect())
    }

    async fn faqs(&self, clinic: ClinicId, language: Option<&str>) -> StoreResult<Vec<Faq>> {
        let rows: Vec<FaqRow> = sqlx::query_as(FAQS)
            .bind(clinic.as_uuid())
            .bind(language.map(str::to_string))
            .fetch_all(self.pool())
            .await?;
        Ok(rows.into_iter().map(Faq::from).collect())
    }

    async fn faq(&self, clinic: ClinicId, id: Uuid) -> StoreResult<Faq> {
        let mut conn = self.pool().acquire().await?;
        faq_on(&mut conn, clinic, id).await
    }

    async fn create_faqs(
        &self,
        clinic: ClinicId,
        new: &[NewFaq],
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Faq>> {
        let now = micros(now);
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let mut ids = Vec::with_capacity(new.len());
        for faq in new {
            let id = Uuid::now_v7();
            faq_write(S::Db::INSERT_FAQ, id, clinic, faq, now)
                .execute(&mut *tx)
                .await?;
            ids.push(id);
        }
        bump(&mut tx, clinic).await?;
        let mut created = Vec::with_capacity(ids.len());
        for id in ids {
            created.push(faq_on(&mut tx, clinic, id).await?);
        }
        tx.commit().await?;
        Ok(created)
    }

    async fn update_faq(
        &self,
        clinic: ClinicId,
        id: Uuid,
        new: &NewFaq,
        now: DateTime<Utc>,
    ) -> StoreResult<Faq> {
        let now = micros(now);
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let done = faq_write(S::Db::UPDATE_FAQ, id, clinic, new, now)
            .execute(&mut *tx)
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            return Err(StoreError::NotFound);
        }
        bump(&mut tx, clinic).await?;
        let faq = faq_on(&mut tx, clinic, id).await?;
        tx.commit().await?;
        Ok(faq)
    }

    async fn delete_faq(&self, clinic: ClinicId, id: Uuid) -> StoreResult<()> {
        delete_scoped(self, DELETE_FAQ, clinic, id).await
    }

    async fn unembedded(
        &self,
        clinic: ClinicId,
        model: &str,
        limit: u32,
    ) -> StoreResult<Vec<Unembedded>> {
        let rows: Vec<(String, Uuid, String)> = sqlx::query_as(UNEMBEDDED)
            .bind(clinic.as_uuid())
            .bind(model)
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await?;
        Ok(rows
            .into_iter()
            .map(|(kind, id, text)| Unembedded {
                key: key(&kind, id),
                text,
            })
            .collect())
    }

    async fn store_vectors(
        &self,
        clinic: ClinicId,
        model: &str,
        vectors: &[(KnowledgeKey, Vec<f32>)],
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        for (key, vector) in vectors {
            let (sql, id) = match key {
                KnowledgeKey::Chunk(id) => (STORE_CHUNK_VECTOR, id),
                KnowledgeKey::Faq(id) => (STORE_FAQ_VECTOR, id),
            };
            sqlx::query(sql)
                .bind(*id)
                .bind(clinic.as_uuid())
                .bind(vector_bytes(vector))
                .bind(model)
                .execute(&mut *tx)
                .await?;
        }
        bump(&mut tx, clinic).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn vectors(
        &self,
        clinic: ClinicId,
        model: &str,
    ) -> StoreResult<Vec<(KnowledgeKey, Option<String>, Vec<f32>)>> {
        let rows: Vec<(String, Uuid, Option<String>, Vec<u8>)> = sqlx::query_as(VECTORS)
            .bind(clinic.as_uuid())
            .bind(model)
            .fetch_all(self.pool())
            .await?;
        Ok(rows
            .into_iter()
            .map(|(kind, id, language, bytes)| (key(&kind, id), language, bytes_vector(&bytes)))
            .collect())
    }

    async fn clinics_needing_vectors(&self, model: &str) -> StoreResult<Vec<ClinicId>> {
        let rows: Vec<(Uuid,)> = sqlx::query_as(CLINICS_NEEDING_VECTORS)
            .bind(model)
            .fetch_all(self.pool())
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id,)| ClinicId::from_uuid(id))
            .collect())
    }

    async fn knowledge_version(&self, clinic: ClinicId) -> StoreResult<i64> {
        let version: Option<(i64,)> = sqlx::query_as(KNOWLEDGE_VERSION)
            .bind(clinic.as_uuid())
            .fetch_optional(self.pool())
            .await?;
        Ok(version.map_or(0, |(v,)| v))
    }

    async fn lexical_search(
        &self,
        clinic: ClinicId,
        query: &str,
        limit: u32,
        matching: WordMatch,
    ) -> StoreResult<Vec<KnowledgeKey>> {
        let rows = self.lexical_rows(clinic, query, limit, matching).await?;
        Ok(rows.into_iter().map(|(kind, id)| key(&kind, id)).collect())
    }

    async fn chunks_by_id(&self, clinic: ClinicId, ids: &[Uuid]) -> StoreResult<Vec<ChunkView>> {
        let mut out = Vec::with_capacity(ids.len());
        let mut conn = self.pool().acquire().await?;
        for id in ids {
            let row: Option<ChunkRow> = sqlx::query_as(CHUNK)
                .bind(*id)
                .bind(clinic.as_uuid())
                .fetch_optional(&mut *conn)
                .await?;
            out.extend(row.map(ChunkView::from));
        }
        Ok(out)
    }

    async fn faqs_by_id(&self, clinic: ClinicId, ids: &[Uuid]) -> StoreResult<Vec<Faq>> {
        let mut out = Vec::with_capacity(ids.len());
        let mut conn = self.pool().acquire().await?;
        for id in ids {
            match faq_on(&mut conn, clinic, *id).await {
                Ok(faq) => out.push(faq),
                Err(StoreError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }
}

/// An FAQ insert or update: `$1` id, `$2` clinic, `$3` language, `$4` question, `$5` answer,
/// `$6` time, then the text-search columns.
fn faq_write<DB>(
    sql: &'static str,
    id: Uuid,
    clinic: ClinicId,
    new: &NewFaq,
    now: DateTime<Utc>,
) -> Query<'static, DB>
where
    DB: Dialect,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Type<DB>,
{
    let query = sqlx::query(sql)
        .bind(id)
        .bind(clinic.as_uuid())
        .bind(new.language.clone())
        .bind(new.question.clone())
        .bind(new.answer.clone())
        .bind(now);
    searchable(
        query,
        Some(&new.language),
        format!("{} {}", new.question, new.answer),
    )
}

/// Moves the clinic's knowledge version on.
async fn bump<DB>(tx: &mut Transaction<'_, DB>, clinic: ClinicId) -> StoreResult<()>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    DB::Arguments: IntoArguments<DB>,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
{
    sqlx::query(BUMP_VERSION)
        .bind(clinic.as_uuid())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Queues the reading of a document's revision.
async fn queue_extraction<DB>(
    tx: &mut Transaction<'_, DB>,
    clinic: ClinicId,
    document: Uuid,
    revision: i64,
    now: DateTime<Utc>,
) -> StoreResult<()>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    DB::Arguments: IntoArguments<DB>,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Type<DB>,
    for<'q> Json<serde_json::Value>: Encode<'q, DB> + Type<DB>,
{
    let kind = JobKind::ExtractDocument;
    sqlx::query(INSERT_EXTRACTION)
        .bind(Uuid::now_v7())
        .bind(Json(extraction_payload(clinic, document, revision)))
        .bind(extraction_lane(document))
        .bind(now)
        .bind(kind.as_str())
        .bind(i64::from(kind.max_attempts()))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// One document on a connection (or in a transaction), with its embedded chunks counted for
/// `model`.
async fn document_on<DB>(
    conn: &mut DB::Connection,
    clinic: ClinicId,
    id: Uuid,
    model: Option<&str>,
) -> StoreResult<Document>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    DB::Arguments: IntoArguments<DB>,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> Option<String>: Encode<'q, DB> + Type<DB>,
    for<'r> DocumentRow: FromRow<'r, DB::Row>,
{
    let row: Option<DocumentRow> = sqlx::query_as(DOCUMENT)
        .bind(id)
        .bind(clinic.as_uuid())
        .bind(model.map(str::to_string))
        .fetch_optional(&mut *conn)
        .await?;
    row.ok_or(StoreError::NotFound)?.try_into()
}

/// One FAQ on a connection (or in a transaction).
async fn faq_on<DB>(conn: &mut DB::Connection, clinic: ClinicId, id: Uuid) -> StoreResult<Faq>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    DB::Arguments: IntoArguments<DB>,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'r> FaqRow: FromRow<'r, DB::Row>,
{
    let row: Option<FaqRow> = sqlx::query_as(FAQ)
        .bind(id)
        .bind(clinic.as_uuid())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.ok_or(StoreError::NotFound)?.into())
}

/// Runs a clinic-scoped `DELETE` of one row (`$1` id, `$2` clinic) and moves the clinic's
/// knowledge version on; `NotFound` when nothing matched.
async fn delete_scoped<S>(
    store: &S,
    sql: &'static str,
    clinic: ClinicId,
    id: Uuid,
) -> StoreResult<()>
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
{
    let mut tx = store.pool().begin_with(S::Db::BEGIN_WRITE).await?;
    let done = sqlx::query(sql)
        .bind(id)
        .bind(clinic.as_uuid())
        .execute(&mut *tx)
        .await?;
    if S::Db::rows_affected(&done) == 0 {
        return Err(StoreError::NotFound);
    }
    bump(&mut tx, clinic).await?;
    tx.commit().await?;
    Ok(())
}

/// Marks the queued documents whose reading a worker holds now as `extracting` (running jobs
/// are few, and their partial index lists them).
async fn with_reading<S>(store: &S, mut documents: Vec<Document>) -> StoreResult<Vec<Document>>
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> (Option<String>,): FromRow<'r, <S::Db as Database>::Row>,
{
    if !documents.iter().any(|d| d.status == DocumentStatus::Queued) {
        return Ok(documents);
    }
    let running: Vec<(Option<String>,)> = sqlx::query_as(RUNNING_EXTRACTIONS)
        .bind(JobKind::ExtractDocument.as_str())
        .fetch_all(store.pool())
        .await?;
    let running: std::collections::HashSet<String> =
        running.into_iter().filter_map(|(lane,)| lane).collect();
    for d in documents
        .iter_mut()
        .filter(|d| d.status == DocumentStatus::Queued)
    {
        if running.contains(&extraction_lane(d.id)) {
            d.status = DocumentStatus::Extracting;
        }
    }
    Ok(documents)
}
