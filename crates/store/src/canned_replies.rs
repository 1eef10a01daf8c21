//! Canned replies: texts staff insert into the inbox composer by a shortcut, per clinic and
//! language. The SQL is written once here and run as written by both backends.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use frontdesk_domain::ClinicId;
use serde::Serialize;
use uuid::Uuid;

use sqlx::{Database, Encode, Executor, FromRow, IntoArguments, Type};

use crate::StoreResult;
use crate::backend::{Backend, Dialect};
use crate::error::StoreError;
use crate::portable::micros;

/// A stored canned reply.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CannedReply {
    /// Its id.
    pub id: Uuid,
    /// What staff type after `/` to insert it (unique per clinic and language).
    pub shortcut: String,
    /// Its language (ISO 639-1).
    pub language: String,
    /// The text inserted.
    pub body: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// A canned reply to store (validated by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct NewCannedReply {
    /// Its shortcut.
    pub shortcut: String,
    /// Its language.
    pub language: String,
    /// Its text.
    pub body: String,
}

/// The clinic's canned replies.
#[async_trait]
pub trait CannedReplyStore: Send + Sync {
    /// All of them, by shortcut then language.
    async fn canned_replies(&self, clinic: ClinicId) -> StoreResult<Vec<CannedReply>>;
    /// One (`NotFound` when it is not this clinic's).
    async fn canned_reply(&self, clinic: ClinicId, id: Uuid) -> StoreResult<CannedReply>;
    /// Stores a new one (`Conflict` when the shortcut is taken in that language).
    async fn create_canned_reply(
        &self,
        clinic: ClinicId,
        new: &NewCannedReply,
        now: DateTime<Utc>,
    ) -> StoreResult<CannedReply>;
    /// Replaces one's shortcut, language and text.
    async fn update_canned_reply(
        &self,
        clinic: ClinicId,
        id: Uuid,
        new: &NewCannedReply,
        now: DateTime<Utc>,
    ) -> StoreResult<CannedReply>;
    /// Deletes one.
    async fn delete_canned_reply(&self, clinic: ClinicId, id: Uuid) -> StoreResult<()>;
}

pub(crate) const LIST: &str = "SELECT id, shortcut, language, body, created_at, updated_at \
     FROM canned_replies WHERE clinic_id = $1 ORDER BY shortcut, language";
pub(crate) const ONE: &str = "SELECT id, shortcut, language, body, created_at, updated_at \
     FROM canned_replies WHERE id = $1 AND clinic_id = $2";
pub(crate) const INSERT: &str = "INSERT INTO canned_replies \
     (id, clinic_id, shortcut, language, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)";
pub(crate) const UPDATE: &str = "UPDATE canned_replies SET shortcut = $3, language = $4, body = $5, \
     updated_at = $6 WHERE id = $1 AND clinic_id = $2";
pub(crate) const DELETE: &str = "DELETE FROM canned_replies WHERE id = $1 AND clinic_id = $2";

#[derive(sqlx::FromRow)]
pub(crate) struct CannedReplyRow {
    id: Uuid,
    shortcut: String,
    language: String,
    body: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<CannedReplyRow> for CannedReply {
    fn from(r: CannedReplyRow) -> Self {
        CannedReply {
            id: r.id,
            shortcut: r.shortcut,
            language: r.language,
            body: r.body,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

#[async_trait]
impl<S> CannedReplyStore for S
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> DateTime<Utc>: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> CannedReplyRow: FromRow<'r, <S::Db as Database>::Row>,
{
    async fn canned_replies(&self, clinic: ClinicId) -> StoreResult<Vec<CannedReply>> {
        let rows: Vec<CannedReplyRow> = sqlx::query_as(LIST)
            .bind(clinic.as_uuid())
            .fetch_all(self.pool())
            .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn canned_reply(&self, clinic: ClinicId, id: Uuid) -> StoreResult<CannedReply> {
        let row: Option<CannedReplyRow> = sqlx::query_as(ONE)
            .bind(id)
            .bind(clinic.as_uuid())
            .fetch_optional(self.pool())
            .await?;
        row.map(Into::into).ok_or(StoreError::NotFound)
    }

    async fn create_canned_reply(
        &self,
        clinic: ClinicId,
        new: &NewCannedReply,
        now: DateTime<Utc>,
    ) -> StoreResult<CannedReply> {
        let id = Uuid::now_v7();
        sqlx::query(INSERT)
            .bind(id)
            .bind(clinic.as_uuid())
            .bind(new.shortcut.as_str())
            .bind(new.language.as_str())
            .bind(new.body.as_str())
            .bind(micros(now))
            .execute(self.pool())
            .await?;
        self.canned_reply(clinic, id).await
    }

    async fn update_canned_reply(
        &self,
        clinic: ClinicId,
        id: Uuid,
        new: &NewCannedReply,
        now: DateTime<Utc>,
    ) -> StoreResult<CannedReply> {
        let done = sqlx::query(UPDATE)
            .bind(id)
            .bind(clinic.as_uuid())
            .bind(new.shortcut.as_str())
            .bind(new.language.as_str())
            .bind(new.body.as_str())
            .bind(micros(now))
            .execute(self.pool())
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            return Err(StoreError::NotFound);
        }
        self.canned_reply(clinic, id).await
    }

    async fn delete_canned_reply(&self, clinic: ClinicId, id: Uuid) -> StoreResult<()> {
        let done = sqlx::query(DELETE)
            .bind(id)
            .bind(clinic.as_uuid())
            .execute(self.pool())
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
