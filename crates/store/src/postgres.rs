//! The PostgreSQL store, for many replicas: row locks where a decision depends on a read,
//! and an advisory lock so replicas that start together migrate once.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use crate::knowledge_sql::{QUESTION_CHARS, QUESTION_LEXEMES, TEXT_SEARCH_CONFIGS, tsquery_text};

/// A store in a PostgreSQL database.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
    burials: std::sync::Arc<crate::jobs::Burials>,
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
        Ok(PgStore {
            pool,
            burials: Default::default(),
        })
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
    claim: crate::jobs_sql::CLAIM_POSTGRES,
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
);

crate::assistant::assistant_store!(PgStore);

crate::canned_replies::canned_reply_store!(PgStore);

crate::messaging_sql::messaging_store!(
    PgStore,
    begin_write: "BEGIN",
    for_update: "FOR UPDATE",
    // Case and accents are ignored by matching classes of letters (`search`).
    matches: "~",
    search_pattern: crate::search::regex_pattern,
);

crate::schedule_sql::scheduling_store!(
    PgStore,
    begin_write: "BEGIN",
    for_update: " FOR UPDATE",
    // NO KEY: the appointments' foreign-key checks (KEY SHARE) are not held up.
    lock_practitioner: "SELECT id FROM practitioners WHERE id = $1 FOR NO KEY UPDATE",
    matches: "~",
    search_pattern: crate::search::regex_pattern,
);

/// Full-text matches, best first. Each row is matched with its own language's query ($2…$6,
/// in [`TEXT_SEARCH_CONFIGS`] order), one branch per configuration and table so the GIN
/// index of that configuration (migration 8) serves each; the clinic is compared as text,
/// as those indexes hold it (migration 7).
static LEXICAL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let mut branches = Vec::new();
    for (kind, table) in [("chunk", "knowledge_chunks"), ("faq", "faqs")] {
        for (i, config) in TEXT_SEARCH_CONFIGS.iter().enumerate() {
            let query = format!("${}::tsquery", i + 2);
            branches.push(format!(
                "SELECT '{kind}' AS kind, t.id, ts_rank(t.tsv, {query}) AS score FROM {table} t \
                 WHERE t.clinic_id::text = $1::text AND t.ts_config = '{config}' AND t.tsv @@ {query}"
            ));
        }
    }
    format!(
        "SELECT kind, id FROM ({}) AS hits ORDER BY score DESC, id LIMIT $7",
        branches.join(" UNION ALL ")
    )
});

impl PgStore {
    /// Each configuration parses the question (its stopwords, its stemming); the lexemes
    /// are then combined as `matching` asks, which plain `plainto_tsquery` cannot do.
    async fn backend_lexical_search(
        &self,
        clinic: frontdesk_domain::ClinicId,
        query: &str,
        limit: u32,
        matching: crate::WordMatch,
    ) -> crate::StoreResult<Vec<(String, uuid::Uuid)>> {
        let question: String = query.trim().chars().take(QUESTION_CHARS).collect();
        let lexemes: Vec<(String, Vec<String>)> = sqlx::query_as(QUESTION_LEXEMES)
            .bind(&question)
            .bind(TEXT_SEARCH_CONFIGS.as_slice())
            .fetch_all(&self.pool)
            .await?;
        let queries: Vec<Option<String>> = TEXT_SEARCH_CONFIGS
            .iter()
            .map(|config| {
                lexemes
                    .iter()
                    .find(|(c, _)| c == config)
                    .and_then(|(_, words)| tsquery_text(words, matching))
            })
            .collect();
        if queries.iter().all(Option::is_none) {
            return Ok(Vec::new());
        }
        let mut statement = sqlx::query_as(LEXICAL.as_str()).bind(clinic.as_uuid());
        for q in queries {
            statement = statement.bind(q);
        }
        Ok(statement
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?)
    }

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
