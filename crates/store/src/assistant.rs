//! How each clinic's assistant answers: its settings and its model API's key (sealed by the
//! server before it reaches the store, like channel credentials).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use frontdesk_domain::ClinicId;
use frontdesk_domain::assistant_settings::AssistantSettings;

use sqlx::types::Json;
use uuid::Uuid;

use crate::StoreResult;
use crate::backend::Backend;
use crate::portable::micros;

/// A clinic's stored assistant settings.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredAssistant {
    /// The settings.
    pub settings: AssistantSettings,
    /// The API key, sealed; never shown.
    pub api_key: Option<String>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// Each clinic's assistant settings.
#[async_trait]
pub trait AssistantStore: Send + Sync {
    /// The clinic's settings, if it saved any (the built-in engine otherwise).
    async fn assistant_settings(&self, clinic: ClinicId) -> StoreResult<Option<StoredAssistant>>;
    /// Replaces them.
    async fn put_assistant_settings(
        &self,
        clinic: ClinicId,
        stored: &StoredAssistant,
    ) -> StoreResult<StoredAssistant>;
}

/// Reads a clinic's settings.
const SETTINGS: &str =
    "SELECT settings, api_key, updated_at FROM assistant_settings WHERE clinic_id = $1";

/// Writes a clinic's settings over what it had.
const PUT_SETTINGS: &str = "INSERT INTO assistant_settings (clinic_id, settings, api_key, updated_at) \
     VALUES ($1, $2, $3, $4) ON CONFLICT (clinic_id) DO UPDATE SET settings = excluded.settings, \
     api_key = excluded.api_key, updated_at = excluded.updated_at";

#[async_trait]
impl<S> AssistantStore for S
where
    S: Backend,
    for<'c> &'c mut <S::Db as sqlx::Database>::Connection: sqlx::Executor<'c, Database = S::Db>,
    <S::Db as sqlx::Database>::Arguments: sqlx::IntoArguments<S::Db>,
    for<'q> Uuid: sqlx::Encode<'q, S::Db> + sqlx::Type<S::Db>,
    for<'q> Json<&'q AssistantSettings>: sqlx::Encode<'q, S::Db> + sqlx::Type<S::Db>,
    for<'q> Option<String>: sqlx::Encode<'q, S::Db> + sqlx::Type<S::Db>,
    for<'q> DateTime<Utc>: sqlx::Encode<'q, S::Db> + sqlx::Type<S::Db>,
    for<'r> (Json<AssistantSettings>, Option<String>, DateTime<Utc>):
        sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn assistant_settings(&self, clinic: ClinicId) -> StoreResult<Option<StoredAssistant>> {
        let row: Option<(Json<AssistantSettings>, Option<String>, DateTime<Utc>)> =
            sqlx::query_as(SETTINGS)
                .bind(clinic.as_uuid())
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|(settings, api_key, updated_at)| StoredAssistant {
            settings: settings.0,
            api_key,
            updated_at,
        }))
    }

    async fn put_assistant_settings(
        &self,
        clinic: ClinicId,
        stored: &StoredAssistant,
    ) -> StoreResult<StoredAssistant> {
        sqlx::query(PUT_SETTINGS)
            .bind(clinic.as_uuid())
            .bind(Json(&stored.settings))
            .bind(stored.api_key.clone())
            .bind(micros(stored.updated_at))
            .execute(self.pool())
            .await?;
        Ok(StoredAssistant {
            updated_at: micros(stored.updated_at),
            ..stored.clone()
        })
    }
}
