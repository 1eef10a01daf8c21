//! The PostgreSQL store, for many replicas: row locks where a decision depends on a read,
//! and an advisory lock so replicas that start together migrate once.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use crate::knowledge::queries::{
    QUESTION_CHARS, QUESTION_LEXEMES, TEXT_SEARCH_CONFIGS, tsquery_text,
};

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

#[async_trait::async_trait]
impl crate::backend::Backend for PgStore {
    type Db = sqlx::Postgres;
    fn pool(&self) -> &sqlx::Pool<sqlx::Postgres> {
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
        self.tsquery_search(clinic, query, limit, matching).await
    }
}

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
    async fn tsquery_search(
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
}
