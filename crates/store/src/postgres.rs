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

crate::knowledge_sql::knowledge_store!(
    PgStore,
    begin_write: "BEGIN",
    text_search_columns: true,
    insert_chunk: "INSERT INTO knowledge_chunks (id, clinic_id, document_id, position, heading_path, text, language, tokens, \
         ts_config, tsv) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_tsvector($9::regconfig, $10))",
    insert_faq: "INSERT INTO faqs (id, clinic_id, language, question, answer, created_at, updated_at, ts_config, tsv) \
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7, to_tsvector($7::regconfig, $8))",
    update_faq: "UPDATE faqs SET language = $3, question = $4, answer = $5, updated_at = $6, embedding = NULL, \
         embedding_model = NULL, ts_config = $7, tsv = to_tsvector($7::regconfig, $8) WHERE id = $1 AND clinic_id = $2",
    // The query is parsed once per configuration and each row matched with its own
    // language's (one branch per configuration, so the GIN index serves each); the words are
    // ORed (a patient's question rarely has every word of the answer). The clinic is compared
    // as text to use the (clinic, configuration, words) index of migration 7.
    lexical: "WITH q AS (SELECT replace(plainto_tsquery('english', $2)::text, ' & ', ' | ')::tsquery AS \
         en, replace(plainto_tsquery('turkish', $2)::text, ' & ', ' | ')::tsquery AS tr, \
         replace(plainto_tsquery('portuguese', $2)::text, ' & ', ' | ')::tsquery AS pt, \
         replace(plainto_tsquery('spanish', $2)::text, ' & ', ' | ')::tsquery AS es, \
         replace(plainto_tsquery('simple', $2)::text, ' & ', ' | ')::tsquery AS simple), hits AS \
         (SELECT 'chunk' AS kind, c.id, ts_rank(c.tsv, q.en) AS score FROM knowledge_chunks c, q \
         WHERE c.clinic_id::text = $1::text AND c.ts_config = 'english' AND c.tsv @@ q.en UNION ALL SELECT \
         'chunk' AS kind, c.id, ts_rank(c.tsv, q.tr) AS score FROM knowledge_chunks c, q WHERE \
         c.clinic_id::text = $1::text AND c.ts_config = 'turkish' AND c.tsv @@ q.tr UNION ALL SELECT 'chunk' AS \
         kind, c.id, ts_rank(c.tsv, q.pt) AS score FROM knowledge_chunks c, q WHERE c.clinic_id::text = $1::text \
         AND c.ts_config = 'portuguese' AND c.tsv @@ q.pt UNION ALL SELECT 'chunk' AS kind, c.id, \
         ts_rank(c.tsv, q.es) AS score FROM knowledge_chunks c, q WHERE c.clinic_id::text = $1::text AND \
         c.ts_config = 'spanish' AND c.tsv @@ q.es UNION ALL SELECT 'chunk' AS kind, c.id, \
         ts_rank(c.tsv, q.simple) AS score FROM knowledge_chunks c, q WHERE c.clinic_id::text = $1::text AND \
         c.ts_config = 'simple' AND c.tsv @@ q.simple UNION ALL SELECT 'faq' AS kind, f.id, \
         ts_rank(f.tsv, q.en) AS score FROM faqs f, q WHERE f.clinic_id::text = $1::text AND f.ts_config = \
         'english' AND f.tsv @@ q.en UNION ALL SELECT 'faq' AS kind, f.id, ts_rank(f.tsv, q.tr) AS \
         score FROM faqs f, q WHERE f.clinic_id::text = $1::text AND f.ts_config = 'turkish' AND f.tsv @@ q.tr \
         UNION ALL SELECT 'faq' AS kind, f.id, ts_rank(f.tsv, q.pt) AS score FROM faqs f, q WHERE \
         f.clinic_id::text = $1::text AND f.ts_config = 'portuguese' AND f.tsv @@ q.pt UNION ALL SELECT 'faq' AS \
         kind, f.id, ts_rank(f.tsv, q.es) AS score FROM faqs f, q WHERE f.clinic_id::text = $1::text AND \
         f.ts_config = 'spanish' AND f.tsv @@ q.es UNION ALL SELECT 'faq' AS kind, f.id, \
         ts_rank(f.tsv, q.simple) AS score FROM faqs f, q WHERE f.clinic_id::text = $1::text AND f.ts_config = \
         'simple' AND f.tsv @@ q.simple) SELECT kind, id FROM hits ORDER BY score DESC, id LIMIT $3",
    prepare_query: crate::knowledge_sql::plain_query,
);

crate::assistant::assistant_store!(PgStore);

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
