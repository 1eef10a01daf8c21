//! The embedded SQLite store (the default): WAL, foreign keys, a busy timeout, and every
//! write transaction taking the write lock up front (`BEGIN IMMEDIATE`).

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// A store in one SQLite file.
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    hot: Option<std::sync::Arc<crate::sqlite_reads::HotReads>>,
    bookings: Option<std::sync::Arc<crate::sqlite_writes::Bookings>>,
    inbound: Option<std::sync::Arc<crate::sqlite_intake::InboundWriter>>,
    burials: std::sync::Arc<crate::jobs::Burials>,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` (`sqlite://path`).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, crate::StoreError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| crate::StoreError::Config(format!("bad SQLite URL {url:?}: {e}")))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a committed message or booking survives power loss, not just a crash.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        // In-memory databases (sqlx names them `file:sqlx-in-memory-N`) are private to their
        // connection: the in-place reader and writer can only serve files.
        let name = options.get_filename().to_string_lossy().into_owned();
        let on_disk =
            !(name.is_empty() || name.starts_with(":memory:") || name.starts_with("file:"));
        let path = options.get_filename().to_path_buf();
        let hot = on_disk.then(|| std::sync::Arc::new(crate::sqlite_reads::HotReads::new(&path)));
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections.max(1))
            .connect_with(options)
            .await?;
        // Opened after the pool, which creates the file and sets WAL mode.
        let bookings = on_disk
            .then(|| crate::sqlite_writes::Bookings::open(&path))
            .flatten()
            .map(std::sync::Arc::new);
        let inbound = on_disk
            .then(|| crate::sqlite_intake::InboundWriter::open(&path))
            .flatten()
            .map(std::sync::Arc::new);
        Ok(SqliteStore {
            pool,
            hot,
            bookings,
            inbound,
            burials: Default::default(),
        })
    }
}

impl crate::portable::HasDb for SqliteStore {
    type Db = sqlx::Sqlite;
}

crate::portable::portable_store!(
    SqliteStore,
    backend: "sqlite",
    migrations: crate::migrate::SQLITE,
    begin_write: "BEGIN IMMEDIATE",
    // BEGIN IMMEDIATE already holds the database's single write lock.
    lock_clinic: "SELECT id FROM clinics WHERE id = $1",
    lock_refresh: "SELECT account_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = $1",
    migration_lock: "SELECT 1",
);

crate::jobs_sql::job_queue!(
    SqliteStore,
    begin_write: "BEGIN IMMEDIATE",
    claim: crate::jobs_sql::CLAIM_SQLITE,
);

crate::knowledge_sql::knowledge_store!(
    SqliteStore,
    begin_write: "BEGIN IMMEDIATE",
    text_search_columns: false,
    insert_chunk: "INSERT INTO knowledge_chunks (id, clinic_id, document_id, position, heading_path, text, language, tokens) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    insert_faq: "INSERT INTO faqs (id, clinic_id, language, question, answer, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    update_faq: "UPDATE faqs SET language = $3, question = $4, answer = $5, updated_at = $6, embedding = NULL, \
         embedding_model = NULL WHERE id = $1 AND clinic_id = $2",
);

crate::assistant::assistant_store!(SqliteStore);

crate::canned_replies::canned_reply_store!(SqliteStore);

crate::messaging_sql::messaging_store!(
    SqliteStore,
    begin_write: "BEGIN IMMEDIATE",
    for_update: "",
    // Case and accents are ignored by matching classes of letters (`search`).
    matches: "GLOB",
    search_pattern: crate::search::glob_pattern,
);

crate::schedule_sql::scheduling_store!(
    SqliteStore,
    begin_write: "BEGIN IMMEDIATE",
    for_update: "",
    // BEGIN IMMEDIATE already makes every write transaction the only one.
    lock_practitioner: "",
    matches: "GLOB",
    search_pattern: crate::search::glob_pattern,
);

/// Full-text matches, best first. Chunks sit at positive rowids, FAQs at negative ones (see
/// the migration); ranked inside the index first, so only the best few rows are joined.
const LEXICAL: &str = "SELECT CASE WHEN f.rowid > 0 THEN 'chunk' ELSE 'faq' END AS kind, COALESCE(c.id, q.id) AS id \
         FROM (SELECT rowid, rank FROM knowledge_fts WHERE knowledge_fts MATCH $2 AND clinic_id = $1 \
         ORDER BY rank LIMIT $3) AS f \
         LEFT JOIN knowledge_chunks c ON f.rowid > 0 AND c.seq = f.rowid \
         LEFT JOIN faqs q ON f.rowid < 0 AND q.seq = -f.rowid \
         WHERE COALESCE(c.clinic_id, q.clinic_id) = $1 ORDER BY f.rank";

impl SqliteStore {
    /// FTS5 ranks the clinic's rows holding the question's terms.
    async fn backend_lexical_search(
        &self,
        clinic: frontdesk_domain::ClinicId,
        query: &str,
        limit: u32,
        matching: crate::WordMatch,
    ) -> crate::StoreResult<Vec<(String, uuid::Uuid)>> {
        let expression = crate::knowledge_sql::fts5_query(query, matching);
        if expression.is_empty() {
            return Ok(Vec::new());
        }
        Ok(sqlx::query_as(LEXICAL)
            .bind(clinic.as_uuid())
            .bind(expression)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?)
    }

    /// The intake runs as one blocking rusqlite transaction per batch (`sqlite_intake`).
    async fn backend_accept_inbound(
        &self,
        batch: &[crate::NewInbound],
    ) -> crate::StoreResult<Vec<crate::Intake>> {
        match &self.inbound {
            Some(writer) => {
                let (writer, batch) = (writer.clone(), batch.to_vec());
                tokio::task::spawn_blocking(move || writer.accept(&batch))
                    .await
                    .map_err(|e| crate::StoreError::Write(format!("intake task failed: {e}")))?
            }
            None => self.sqlx_accept_inbound(batch).await,
        }
    }

    /// Bookings run as one blocking rusqlite transaction (`sqlite_writes`).
    async fn insert_booking(
        &self,
        clinic: frontdesk_domain::ClinicId,
        new: &crate::NewAppointment,
        now: chrono::DateTime<chrono::Utc>,
    ) -> crate::StoreResult<frontdesk_domain::scheduling::Appointment> {
        match &self.bookings {
            Some(bookings) => {
                let (bookings, new) = (bookings.clone(), new.clone());
                tokio::task::spawn_blocking(move || bookings.book(clinic, &new, now))
                    .await
                    .map_err(|e| crate::StoreError::Write(format!("booking task failed: {e}")))?
            }
            None => self.sqlx_insert_booking(clinic, new, now).await,
        }
    }

    /// Busy spans are the availability search's largest read (thousands of rows); rusqlite
    /// reads them in place, several times faster than rows handed across sqlx's channel.
    async fn busy_rows(
        &self,
        clinic: frontdesk_domain::ClinicId,
        from: chrono::DateTime<chrono::Utc>,
        until: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> crate::StoreResult<Vec<crate::schedule_rows::BusyRow>> {
        match &self.hot {
            Some(hot) => hot.busy_rows(clinic, from, until, now),
            None => self.sqlx_busy_rows(clinic, from, until, now).await,
        }
    }

    async fn hot_account_with_memberships(
        &self,
        id: frontdesk_domain::AccountId,
    ) -> crate::StoreResult<Option<(frontdesk_domain::Account, Vec<crate::MembershipSummary>)>>
    {
        match &self.hot {
            Some(hot) => {
                crate::portable::AccountMembershipRow::collect(hot.account_with_memberships(id)?)
            }
            None => self.sqlx_account_with_memberships(id).await,
        }
    }

    async fn hot_clinic_access(
        &self,
        account: frontdesk_domain::AccountId,
        slug: &frontdesk_domain::Slug,
    ) -> crate::StoreResult<Option<(frontdesk_domain::Clinic, frontdesk_domain::Role)>> {
        match &self.hot {
            Some(hot) => hot
                .clinic_access(account, slug)?
                .map(TryInto::try_into)
                .transpose(),
            None => self.sqlx_clinic_access(account, slug).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::AppointmentStore;

    /// In-memory databases cannot use the in-place reader or writer; their sqlx fallbacks
    /// run the same SQL.
    #[tokio::test]
    async fn in_memory_databases_use_the_sqlx_paths() {
        let store = super::SqliteStore::connect("sqlite::memory:", 1)
            .await
            .unwrap();
        assert!(store.hot.is_none() && store.bookings.is_none() && store.inbound.is_none());
        crate::HealthStore::migrate(&store).await.unwrap();
        let now = chrono::Utc::now();
        let busy = store
            .busy_blocks(
                frontdesk_domain::ClinicId::new(),
                now,
                now + chrono::Duration::days(1),
                now,
            )
            .await
            .unwrap();
        assert!(busy.is_empty());
    }
}
