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

#[async_trait::async_trait]
impl crate::backend::Backend for SqliteStore {
    type Db = sqlx::Sqlite;
    fn pool(&self) -> &sqlx::Pool<sqlx::Sqlite> {
        &self.pool
    }
    fn burials(&self) -> &crate::jobs::Burials {
        &self.burials
    }
    async fn lexical_rows(
        &self,
        clinic: frontdesk_domain::ClinicId,
        query: &str,
        limit: u32,
        matching: crate::WordMatch,
    ) -> crate::StoreResult<Vec<(String, uuid::Uuid)>> {
        self.fts_search(clinic, query, limit, matching).await
    }
    /// The caller's account is read on every authenticated request: in place, on a
    /// prepared statement (`sqlite_reads`).
    async fn account_with_memberships_in_place(
        &self,
        id: frontdesk_domain::AccountId,
    ) -> Option<
        crate::StoreResult<Option<(frontdesk_domain::Account, Vec<crate::MembershipSummary>)>>,
    > {
        let hot = self.hot.as_ref()?;
        Some(
            hot.account_with_memberships(id)
                .and_then(crate::portable::AccountMembershipRow::collect),
        )
    }
    /// A clinic route's membership check, on every clinic request: in place as well.
    async fn clinic_access_in_place(
        &self,
        account: frontdesk_domain::AccountId,
        slug: &frontdesk_domain::Slug,
    ) -> Option<crate::StoreResult<Option<(frontdesk_domain::Clinic, frontdesk_domain::Role)>>>
    {
        let hot = self.hot.as_ref()?;
        Some(
            hot.clinic_access(account, slug)
                .and_then(|row| row.map(TryInto::try_into).transpose()),
        )
    }
    /// A booking runs as one blocking rusqlite transaction (`sqlite_writes`).
    async fn book_in_place(
        &self,
        clinic: frontdesk_domain::ClinicId,
        new: &crate::NewAppointment,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Option<crate::StoreResult<frontdesk_domain::scheduling::Appointment>> {
        let bookings = self.bookings.clone()?;
        let new = new.clone();
        Some(
            tokio::task::spawn_blocking(move || bookings.book(clinic, &new, now))
                .await
                .unwrap_or_else(|e| {
                    Err(crate::StoreError::Write(format!(
                        "booking task failed: {e}"
                    )))
                }),
        )
    }
    /// Busy spans are the availability search's largest read (thousands of rows); rusqlite
    /// reads them in place, several times faster than rows handed across sqlx's channel.
    async fn busy_rows_in_place(
        &self,
        clinic: frontdesk_domain::ClinicId,
        from: chrono::DateTime<chrono::Utc>,
        until: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Option<crate::StoreResult<Vec<crate::schedule_rows::BusyRow>>> {
        let hot = self.hot.as_ref()?;
        Some(hot.busy_rows(clinic, from, until, now))
    }
    /// The intake runs as one blocking rusqlite transaction per batch (`sqlite_intake`).
    async fn accept_inbound_in_place(
        &self,
        batch: &[crate::NewInbound],
    ) -> Option<crate::StoreResult<Vec<crate::Intake>>> {
        let writer = self.inbound.clone()?;
        let batch = batch.to_vec();
        Some(
            tokio::task::spawn_blocking(move || writer.accept(&batch))
                .await
                .unwrap_or_else(|e| {
                    Err(crate::StoreError::Write(format!("intake task failed: {e}")))
                }),
        )
    }
}

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
    async fn fts_search(
        &self,
        clinic: frontdesk_domain::ClinicId,
        query: &str,
        limit: u32,
        matching: crate::WordMatch,
    ) -> crate::StoreResult<Vec<(String, uuid::Uuid)>> {
        let expression = crate::knowledge::queries::fts5_query(query, matching);
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
