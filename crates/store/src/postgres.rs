//! The PostgreSQL store, for many replicas: row locks where a decision depends on a read,
//! and an advisory lock so replicas that start together migrate once.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

/// A store in a PostgreSQL database.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to `url` (`postgres://…`; `?options=-csearch_path%3Dname` selects a schema).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, crate::StoreError> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| crate::StoreError::Config(format!("bad PostgreSQL URL: {e}")))?;
        let pool = PgPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(PgStore { pool })
    }
}

impl crate::portable::HasDb for PgStore {
    type Db = sqlx::Postgres;
}

crate::portable::portable_store!(
    PgStore,
    backend: "postgres",
    migrations: crate::migrate::POSTGRES,
    begin_write: "BEGIN",
    lock_clinic: "SELECT id FROM clinics WHERE id = $1 FOR UPDATE",
    lock_refresh: "SELECT account_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE",
    migration_lock: "SELECT pg_advisory_xact_lock(7215470001)",
);

crate::jobs_sql::job_queue!(
    PgStore,
    begin_write: "BEGIN",
    skip_locked: " FOR UPDATE SKIP LOCKED",
);

crate::messaging_sql::messaging_store!(
    PgStore,
    begin_write: "BEGIN",
    for_update: "FOR UPDATE",
);

crate::schedule_sql::scheduling_store!(
    PgStore,
    begin_write: "BEGIN",
    for_update: " FOR UPDATE",
);

impl PgStore {
    async fn backend_accept_inbound(
        &self,
        batch: &[crate::NewInbound],
    ) -> crate::StoreResult<Vec<crate::Intake>> {
        self.sqlx_accept_inbound(batch).await
    }

    async fn insert_booking(
        &self,
        clinic: frontdesk_domain::ClinicId,
        new: &crate::NewAppointment,
        now: chrono::DateTime<chrono::Utc>,
    ) -> crate::StoreResult<frontdesk_domain::scheduling::Appointment> {
        self.sqlx_insert_booking(clinic, new, now).await
    }

    async fn busy_rows(
        &self,
        clinic: frontdesk_domain::ClinicId,
        from: chrono::DateTime<chrono::Utc>,
        until: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> crate::StoreResult<Vec<crate::schedule_rows::BusyRow>> {
        self.sqlx_busy_rows(clinic, from, until, now).await
    }

    async fn hot_account_with_memberships(
        &self,
        id: frontdesk_domain::AccountId,
    ) -> crate::StoreResult<Option<(frontdesk_domain::Account, Vec<crate::MembershipSummary>)>>
    {
        self.sqlx_account_with_memberships(id).await
    }

    async fn hot_clinic_access(
        &self,
        account: frontdesk_domain::AccountId,
        slug: &frontdesk_domain::Slug,
    ) -> crate::StoreResult<Option<(frontdesk_domain::Clinic, frontdesk_domain::Role)>> {
        self.sqlx_clinic_access(account, slug).await
    }
}
