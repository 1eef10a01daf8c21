//! HTTP routes, one module per resource; each handler parses, authorizes, calls one service
//! function and renders.

pub mod appointments;
pub mod auth;
pub mod calendar;
pub mod catalog;
pub mod channels;
pub mod clinics;
pub mod health;
pub mod hq;
pub mod inbox;
pub mod me;
pub mod members;
pub mod patients;
pub mod webchat;
pub mod webhooks;

use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use crate::problem::{ApiError, from_json_value};
use crate::state::AppState;

/// Every documented route.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(health::routes())
        .merge(auth::routes())
        .merge(me::routes())
        .merge(clinics::routes())
        .merge(members::routes())
        .merge(hq::routes())
        .merge(catalog::routes())
        .merge(patients::routes())
        .merge(appointments::routes())
        .merge(calendar::routes())
        .merge(channels::routes())
        .merge(inbox::routes())
}

/// Parses an id from the path; a malformed one is simply not found.
pub(crate) fn path_id(raw: &str, what: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError::NotFound(format!("no such {what} in this clinic")))
}

/// Applies a PATCH document to the current value: top-level fields present in `patch`
/// replace the current ones; the result is parsed again, naming any wrong field.
pub(crate) fn merged<T: Serialize + DeserializeOwned>(
    current: &T,
    patch: serde_json::Value,
) -> Result<T, ApiError> {
    let serde_json::Value::Object(changes) = patch else {
        return Err(ApiError::Validation(frontdesk_domain::Invalid::field(
            "body",
            "send a JSON object with the fields to change",
        )));
    };
    let mut value = serde_json::to_value(current)
        .map_err(|e| ApiError::Unexpected(anyhow::anyhow!("serializing for a patch: {e}")))?;
    if let serde_json::Value::Object(fields) = &mut value {
        fields.extend(changes);
    }
    from_json_value(value)
}
