//! What the shared SQL needs of a backend: its pool, and the few statements that differ
//! between SQLite and PostgreSQL, named once.

use chrono::{DateTime, Utc};
use frontdesk_domain::scheduling::Appointment;
use frontdesk_domain::{Account, AccountId, Clinic, ClinicId, Role, Slug};
use uuid::Uuid;

use crate::StoreResult;
use crate::knowledge::WordMatch;
use crate::knowledge::queries as knowledge;
use crate::messaging::{Intake, NewInbound};
use crate::model::MembershipSummary;
use crate::schedule::NewAppointment;
use crate::schedule_rows::BusyRow;

/// A value stored as JSON (a profile, a catalog entry, a policy): refused with a clear error
/// in the rare case it cannot be written as JSON, never stored as NULL.
pub(crate) fn json<T: serde::Serialize>(
    value: &T,
) -> StoreResult<sqlx::types::Json<serde_json::Value>> {
    serde_json::to_value(value)
        .map(sqlx::types::Json)
        .map_err(|e| crate::StoreError::Write(format!("cannot store a value as JSON: {e}")))
}

/// The SQL that is not the same on both databases.
pub(crate) trait Dialect: sqlx::Database {
    /// How a transaction that will write begins: SQLite takes the write lock at once, so two
    /// writers never both read and then fail to upgrade.
    const BEGIN_WRITE: &'static str;
    /// The statement that claims due jobs (PostgreSQL's skips rows other workers locked).
    const CLAIM_JOBS: &'static str;
    /// Whether knowledge rows carry their own text search columns (PostgreSQL's tsvector);
    /// SQLite keeps an FTS5 table up to date by trigger instead.
    const TEXT_SEARCH_COLUMNS: bool;
    /// A document chunk's insert.
    const INSERT_CHUNK: &'static str;
    /// An FAQ's insert.
    const INSERT_FAQ: &'static str;
    /// An FAQ's update.
    const UPDATE_FAQ: &'static str;
    /// The operator that matches a text against a pattern from [`Dialect::search_pattern`]
    /// (`GLOB` on SQLite, a regular expression on PostgreSQL).
    const MATCHES: &'static str;
    /// The backend's name, as `/readyz` and the logs give it.
    const BACKEND: &'static str;
    /// Its schema's migrations, in order.
    const MIGRATIONS: &'static [crate::migrate::Migration];
    /// Serializes processes that migrate at once (an advisory lock on PostgreSQL, so
    /// replicas starting together migrate once; SQLite's write transaction is alone).
    const MIGRATION_LOCK: &'static str;
    /// Reads a refresh token by hash (`$1`), locked until the commit, so a token is rotated
    /// once however many requests present it together.
    const LOCK_REFRESH: &'static str;
    /// What locks a row read in a write transaction until the commit (` FOR UPDATE` on
    /// PostgreSQL; SQLite's write transaction already holds the database).
    const FOR_UPDATE: &'static str;
    /// Locks a practitioner's row (`$1`: its id) so one booking at a time writes their
    /// calendar: overlapping inserts checked by PostgreSQL's exclusion constraint otherwise
    /// wait on each other in a cycle. Empty on SQLite, whose write transaction is alone.
    const LOCK_PRACTITIONER: &'static str;
    /// Locks a clinic's row until the commit (`$1`: its id), so decisions that count its
    /// rows serialize; SQLite's write transaction already holds the database.
    const LOCK_CLINIC: &'static str;
    /// How many rows a statement changed.
    fn rows_affected(result: &Self::QueryResult) -> u64;
    /// The pattern [`Dialect::MATCHES`] compares with, for a search of `text` ignoring case
    /// and accents.
    fn search_pattern(text: &str) -> String;
}

impl Dialect for sqlx::Sqlite {
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    const CLAIM_JOBS: &'static str = crate::jobs::queries::CLAIM_SQLITE;
    const TEXT_SEARCH_COLUMNS: bool = false;
    const INSERT_CHUNK: &'static str = knowledge::INSERT_CHUNK_SQLITE;
    const INSERT_FAQ: &'static str = knowledge::INSERT_FAQ_SQLITE;
    const UPDATE_FAQ: &'static str = knowledge::UPDATE_FAQ_SQLITE;
    const MATCHES: &'static str = "GLOB";
    const BACKEND: &'static str = "sqlite";
    const MIGRATIONS: &'static [crate::migrate::Migration] = crate::migrate::SQLITE;
    const MIGRATION_LOCK: &'static str = "SELECT 1";
    const LOCK_REFRESH: &'static str = "SELECT account_id, family_id, expires_at, used_at, \
         revoked_at FROM refresh_tokens WHERE token_hash = $1";
    const FOR_UPDATE: &'static str = "";
    const LOCK_PRACTITIONER: &'static str = "";
    const LOCK_CLINIC: &'static str = "SELECT id FROM clinics WHERE id = $1";
    fn rows_affected(result: &sqlx::sqlite::SqliteQueryResult) -> u64 {
        result.rows_affected()
    }
    fn search_pattern(text: &str) -> String {
        crate::search::glob_pattern(text)
    }
}

impl Dialect for sqlx::Postgres {
    const BEGIN_WRITE: &'static str = "BEGIN";
    const CLAIM_JOBS: &'static str = crate::jobs::queries::CLAIM_POSTGRES;
    const TEXT_SEARCH_COLUMNS: bool = true;
    const INSERT_CHUNK: &'static str = knowledge::INSERT_CHUNK_POSTGRES;
    const INSERT_FAQ: &'static str = knowledge::INSERT_FAQ_POSTGRES;
    const UPDATE_FAQ: &'static str = knowledge::UPDATE_FAQ_POSTGRES;
    const MATCHES: &'static str = "~";
    const BACKEND: &'static str = "postgres";
    const MIGRATIONS: &'static [crate::migrate::Migration] = crate::migrate::POSTGRES;
    const MIGRATION_LOCK: &'static str = "SELECT pg_advisory_xact_lock(7215470001)";
    const LOCK_REFRESH: &'static str = "SELECT account_id, family_id, expires_at, used_at, \
         revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE";
    const FOR_UPDATE: &'static str = " FOR UPDATE";
    // NO KEY: the appointments' foreign-key checks (KEY SHARE) are not held up.
    const LOCK_PRACTITIONER: &'static str =
        "SELECT id FROM practitioners WHERE id = $1 FOR NO KEY UPDATE";
    const LOCK_CLINIC: &'static str = "SELECT id FROM clinics WHERE id = $1 FOR UPDATE";
    fn rows_affected(result: &sqlx::postgres::PgQueryResult) -> u64 {
        result.rows_affected()
    }
    fn search_pattern(text: &str) -> String {
        crate::search::regex_pattern(text)
    }
}

/// A store that runs the shared SQL on a pool of its database, and what each backend does
/// its own way.
#[async_trait::async_trait]
pub(crate) trait Backend: Send + Sync {
    /// Its database.
    type Db: Dialect;
    /// Its pool.
    fn pool(&self) -> &sqlx::Pool<Self::Db>;
    /// When its claims last buried jobs a dead worker left on their last attempt.
    fn burials(&self) -> &crate::jobs::Burials;
    /// The clinic's texts that match `query`'s words as `matching` asks, best first, as
    /// (`chunk` or `faq`, id): each backend's own full-text index.
    async fn lexical_rows(
        &self,
        clinic: ClinicId,
        query: &str,
        limit: u32,
        matching: WordMatch,
    ) -> StoreResult<Vec<(String, Uuid)>>;
    /// Takes a batch of inbound messages in its own faster way, or `None` to let the shared
    /// SQL do it (SQLite on a database file writes in place through rusqlite).
    async fn accept_inbound_in_place(
        &self,
        _batch: &[NewInbound],
    ) -> Option<StoreResult<Vec<Intake>>> {
        None
    }
    /// An account with its memberships read in its own faster way, or `None` to let the
    /// shared SQL read it.
    async fn account_with_memberships_in_place(
        &self,
        _id: AccountId,
    ) -> Option<StoreResult<Option<(Account, Vec<MembershipSummary>)>>> {
        None
    }
    /// A clinic by slug with the account's role in it, read in its own faster way, or `None`
    /// to let the shared SQL read it.
    async fn clinic_access_in_place(
        &self,
        _account: AccountId,
        _slug: &Slug,
    ) -> Option<StoreResult<Option<(Clinic, Role)>>> {
        None
    }
    /// Books in its own faster way, or `None` to let the shared SQL do it (SQLite on a
    /// database file books in place through rusqlite).
    async fn book_in_place(
        &self,
        _clinic: ClinicId,
        _new: &NewAppointment,
        _now: DateTime<Utc>,
    ) -> Option<StoreResult<Appointment>> {
        None
    }
    /// The practitioners' busy spans as `AppointmentStore::busy_blocks` reads them, in its
    /// own faster way, or `None` to let the shared SQL read them.
    async fn busy_rows_in_place(
        &self,
        _clinic: ClinicId,
        _from: DateTime<Utc>,
        _until: DateTime<Utc>,
        _now: DateTime<Utc>,
    ) -> Option<StoreResult<Vec<BusyRow>>> {
        None
    }
}
