//! `/api/v1/clinics/{slug}/assistant`: which engine answers the clinic's patients, and how
//! its model is called. The API key goes in sealed and never comes out.

use axum::Json;
use axum::extract::State;
use chrono::Utc;
use frontdesk_domain::ClinicAction;
use frontdesk_domain::assistant_settings::AssistantSettings;
use frontdesk_store::StoredAssistant;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::ClinicContext;
use crate::problem::{ApiError, ApiJson, Problem};
use crate::state::AppState;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_assistant, put_assistant))
}

/// The settings as shown: never the key, only whether one is set.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AssistantView {
    /// The settings.
    #[serde(flatten)]
    pub settings: AssistantSettings,
    /// Whether an API key is stored.
    pub api_key_set: bool,
}

/// New settings; `api_key` absent keeps the stored key, `""` removes it.
// Refusing unknown fields here too: through `flatten` the settings' own refusal is lost
// (serde hands a flattened struct only the keys it knows), so `temprature` passed silently.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssistantInput {
    /// The settings.
    #[serde(flatten)]
    pub settings: AssistantSettings,
    /// The model API's key (at most 500 characters after trimming; `""` removes it).
    #[serde(default)]
    pub api_key: Option<String>,
}

fn view(stored: Option<&StoredAssistant>) -> AssistantView {
    AssistantView {
        settings: stored.map(|s| s.settings.clone()).unwrap_or_default(),
        api_key_set: stored.is_some_and(|s| s.api_key.is_some()),
    }
}

/// How the clinic's assistant answers.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/assistant", tag = "assistant", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    responses((status = 200, body = AssistantView)))]
async fn get_assistant(
    State(state): State<AppState>,
    ctx: ClinicContext,
) -> Result<Json<AssistantView>, ApiError> {
    ctx.require(ClinicAction::UpdateSettings)?;
    let stored = state.store.assistant_settings(ctx.clinic_id()).await?;
    Ok(Json(view(stored.as_ref())))
}

/// Chooses the engine and its model. `engine: builtin` needs nothing else; `openai` needs
/// `base_url` and `model` (any OpenAI-compatible API); `gemini` needs `model` and a key.
#[utoipa::path(put, path = "/api/v1/clinics/{slug}/assistant", tag = "assistant", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    request_body = AssistantInput,
    responses((status = 200, body = AssistantView),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn put_assistant(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiJson(input): ApiJson<AssistantInput>,
) -> Result<Json<AssistantView>, ApiError> {
    ctx.require(ClinicAction::UpdateSettings)?;
    let settings = input.settings.validated()?;
    let clinic = ctx.clinic_id();
    let before = state.store.assistant_settings(clinic).await?;
    let api_key = match input.api_key.as_deref().map(str::trim) {
        None => before.and_then(|b| b.api_key),
        Some("") => None,
        Some(key) if key.len() > 500 => {
            return Err(
                frontdesk_domain::Invalid::field("api_key", "at most 500 characters").into(),
            );
        }
        Some(key) => Some(
            state
                .messaging
                .keys
                .seal(clinic, key.as_bytes())
                .map_err(|e| ApiError::Unexpected(anyhow::anyhow!("cannot seal the key: {e}")))?,
        ),
    };
    if settings.engine == frontdesk_domain::assistant_settings::Engine::Gemini && api_key.is_none()
    {
        return Err(frontdesk_domain::Invalid::field("api_key", "Gemini needs an API key").into());
    }
    let stored = state
        .store
        .put_assistant_settings(
            clinic,
            &StoredAssistant {
                settings,
                api_key,
                updated_at: Utc::now(),
            },
        )
        .await?;
    Ok(Json(view(Some(&stored))))
}
