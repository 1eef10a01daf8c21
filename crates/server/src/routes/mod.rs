//! HTTP routes, one module per resource; each handler parses, authorizes, calls one service
//! function and renders.

pub mod appointments;
pub mod assistant;
pub mod auth;
pub mod browser_session;
pub mod calendar;
pub mod canned_replies;
pub mod catalog;
pub mod channels;
pub mod clinics;
pub mod extractors;
pub mod health;
pub mod hq;
pub mod inbox;
pub mod knowledge;
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
        .merge(browser_session::routes())
        .merge(me::routes())
        .merge(clinics::routes())
        .merge(members::routes())
        .merge(hq::routes())
        .merge(catalog::routes())
        .merge(patients::routes())
        .merge(appointments::routes())
        .merge(calendar::routes())
        .merge(assistant::routes())
        .merge(channels::routes())
        .merge(inbox::routes())
        .merge(canned_replies::routes())
        .merge(knowledge::routes())
}

/// A page cursor for lists ordered by a time and then an id: `<micros>.<uuid>`.
pub(crate) fn time_cursor(at: chrono::DateTime<chrono::Utc>, id: Uuid) -> String {
    format!("{}.{id}", at.timestamp_micros())
}

/// Reads a cursor made by [`time_cursor`].
pub(crate) fn parse_time_cursor(
    raw: &str,
) -> Result<(chrono::DateTime<chrono::Utc>, Uuid), frontdesk_domain::Invalid> {
    let bad = || frontdesk_domain::Invalid::field("cursor", "not a cursor this API returned");
    let (micros, id) = raw.split_once('.').ok_or_else(bad)?;
    let at = micros
        .parse::<i64>()
        .ok()
        .and_then(chrono::DateTime::from_timestamp_micros)
        .ok_or_else(bad)?;
    let id = Uuid::parse_str(id).map_err(|_| bad())?;
    Ok((at, id))
}

/// The search text as sent, checked as the document describes it.
pub(crate) fn search_text(raw: &str) -> Result<String, frontdesk_domain::Invalid> {
    if raw.chars().count() < 2 {
        return Err(frontdesk_domain::Invalid::field(
            "q",
            "search for at least 2 characters",
        ));
    }
    frontdesk_domain::validation::bounded_text("q", raw, 1, 200)
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
        // serde reads a struct from an array of its fields in order, so `"contact": [null]`
        // would pass as a contact; an object stays an object.
        for (name, change) in &changes {
            if fields.get(name).is_some_and(serde_json::Value::is_object) && change.is_array() {
                return Err(ApiError::Validation(frontdesk_domain::Invalid::field(
                    name.as_str(),
                    "must be an object",
                )));
            }
        }
        fields.extend(changes);
    }
    from_json_value(value)
}
