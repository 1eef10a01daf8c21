//! Liveness and readiness.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::problem::ApiError;
use crate::state::AppState;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(readyz))
}

/// Liveness answer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Alive {
    /// Always `ok`.
    status: &'static str,
}

/// Readiness answer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Ready {
    /// `ready`.
    status: &'static str,
    /// `sqlite` or `postgres`.
    database: &'static str,
    /// Applied schema version.
    schema_version: i64,
}

/// The process is alive (no dependencies checked).
#[utoipa::path(get, path = "/healthz", tag = "health", responses((status = 200, body = Alive)))]
async fn healthz() -> Json<Alive> {
    Json(Alive { status: "ok" })
}

/// The database answers and its schema is the one this binary expects.
#[utoipa::path(get, path = "/readyz", tag = "health", responses(
    (status = 200, body = Ready),
    (status = 503, body = crate::problem::Problem, content_type = "application/problem+json"),
))]
async fn readyz(State(state): State<AppState>) -> Result<Json<Ready>, ApiError> {
    let version = state
        .store
        .schema_version()
        .await
        .map_err(|e| ApiError::Unavailable(format!("database unreachable: {e}")))?;
    if !version.is_current() {
        return Err(ApiError::Unavailable(format!(
            "database schema is at version {} but this binary expects {}; run `frontdesk migrate`",
            version.applied, version.expected
        )));
    }
    Ok(Json(Ready {
        status: "ready",
        database: state.store.backend(),
        schema_version: version.applied,
    }))
}
