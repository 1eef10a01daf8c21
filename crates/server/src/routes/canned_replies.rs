//! Canned replies: texts staff insert into the inbox composer by typing `/` and a shortcut.
//! Everyone in the clinic reads them; those who write the clinic's FAQs write them.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use frontdesk_domain::validation::{Checker, Invalid};
use frontdesk_domain::{ClinicAction, Language};
use frontdesk_store::{CannedReply, NewCannedReply, StoreError};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::auth::ClinicContext;
use crate::problem::{ApiError, ApiJson, Problem};
use crate::routes::path_id;
use crate::state::AppState;

/// Longest shortcut, in characters.
pub const MAX_SHORTCUT: usize = 32;
/// Longest text, in characters.
pub const MAX_BODY: usize = 4_000;
/// What a shortcut may hold: letters of any script, digits, `_` and `-` (no spaces, so it
/// ends where the typed word ends).
pub const SHORTCUT_PATTERN: &str = r"^[\w-]{1,32}$";

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_canned_replies, create_canned_reply))
        .routes(routes!(update_canned_reply, delete_canned_reply))
}

/// A canned reply as sent.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CannedReplyInput {
    /// What staff type after `/`: 1–32 letters, digits, `_` or `-`; stored in lower case.
    #[schema(pattern = "SHORTCUT")]
    pub shortcut: String,
    /// en, tr, pt or es.
    #[schema(pattern = "LANGUAGE")]
    pub language: String,
    /// The text inserted into the composer.
    #[schema(max_length = 4000, pattern = "NOT_BLANK")]
    pub body: String,
}

/// A change to a canned reply: the fields sent replace the stored ones, the others stay.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CannedReplyPatch {
    /// A new shortcut (the same rules as when created).
    #[schema(pattern = "SHORTCUT")]
    pub shortcut: Option<String>,
    /// Another language: en, tr, pt or es.
    #[schema(pattern = "LANGUAGE")]
    pub language: Option<String>,
    /// A new text.
    #[schema(max_length = 4000, pattern = "NOT_BLANK")]
    pub body: Option<String>,
}

/// Whether `c` may appear in a shortcut (what the pattern's `\w` and `-` admit).
fn shortcut_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

fn checked(input: &CannedReplyInput) -> Result<NewCannedReply, Invalid> {
    let mut checker = Checker::default();
    let language = checker.check(Language::parse("language", &input.language));
    let length = input.shortcut.chars().count();
    if length == 0 || length > MAX_SHORTCUT || !input.shortcut.chars().all(shortcut_char) {
        checker.push(
            "shortcut",
            format!(
                "use 1 to {MAX_SHORTCUT} letters, digits, \"-\" or \"_\", without spaces (e.g. \"hours\")"
            ),
        );
    }
    let body = input.body.trim();
    if body.is_empty() || input.body.chars().count() > MAX_BODY {
        checker.push(
            "body",
            format!("write a text of 1 to {MAX_BODY} characters"),
        );
    }
    checker.finish()?;
    Ok(NewCannedReply {
        shortcut: input.shortcut.to_lowercase(),
        // The checker passed, so the language parsed.
        language: language.map(|l| l.code().to_string()).unwrap_or_default(),
        body: body.to_string(),
    })
}

/// A taken shortcut is answered in words, not with the constraint's name.
fn explained(new: &NewCannedReply) -> impl FnOnce(StoreError) -> ApiError + '_ {
    move |e| match e {
        StoreError::Conflict(_) => ApiError::Conflict(format!(
            "the shortcut /{} already exists in {}; pick another or edit that one",
            new.shortcut, new.language
        )),
        other => other.into(),
    }
}

fn reply_id(raw: &str) -> Result<Uuid, ApiError> {
    path_id(raw, "canned reply")
}

/// The clinic's canned replies, by shortcut then language.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/canned-replies", tag = "inbox", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    responses((status = 200, body = Vec<CannedReply>)))]
async fn list_canned_replies(
    State(state): State<AppState>,
    ctx: ClinicContext,
) -> Result<Json<Vec<CannedReply>>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    Ok(Json(state.store.canned_replies(ctx.clinic_id()).await?))
}

/// Adds a canned reply.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/canned-replies", tag = "inbox", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    request_body = CannedReplyInput,
    responses((status = 201, body = CannedReply),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_canned_reply(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiJson(input): ApiJson<CannedReplyInput>,
) -> Result<(StatusCode, Json<CannedReply>), ApiError> {
    ctx.require(ClinicAction::ManageKnowledge)?;
    let new = checked(&input)?;
    let created = state
        .store
        .create_canned_reply(ctx.clinic_id(), &new, chrono::Utc::now())
        .await
        .map_err(explained(&new))?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Changes a canned reply; absent fields stay.
#[utoipa::path(patch, path = "/api/v1/clinics/{slug}/canned-replies/{reply_id}", tag = "inbox", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("reply_id" = String, Path, description = "the canned reply")),
    request_body = CannedReplyPatch,
    responses((status = 200, body = CannedReply),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn update_canned_reply(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
    ApiJson(patch): ApiJson<CannedReplyPatch>,
) -> Result<Json<CannedReply>, ApiError> {
    ctx.require(ClinicAction::ManageKnowledge)?;
    let id = reply_id(&raw)?;
    let current = state.store.canned_reply(ctx.clinic_id(), id).await?;
    let new = checked(&CannedReplyInput {
        shortcut: patch.shortcut.unwrap_or(current.shortcut),
        language: patch.language.unwrap_or(current.language),
        body: patch.body.unwrap_or(current.body),
    })?;
    let updated = state
        .store
        .update_canned_reply(ctx.clinic_id(), id, &new, chrono::Utc::now())
        .await
        .map_err(explained(&new))?;
    Ok(Json(updated))
}

/// Deletes a canned reply.
#[utoipa::path(delete, path = "/api/v1/clinics/{slug}/canned-replies/{reply_id}", tag = "inbox", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("reply_id" = String, Path, description = "the canned reply")),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn delete_canned_reply(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    ctx.require(ClinicAction::ManageKnowledge)?;
    state
        .store
        .delete_canned_reply(ctx.clinic_id(), reply_id(&raw)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(shortcut: &str, language: &str, body: &str) -> CannedReplyInput {
        CannedReplyInput {
            shortcut: shortcut.into(),
            language: language.into(),
            body: body.into(),
        }
    }

    #[test]
    fn shortcuts_of_any_script_are_kept_in_lower_case() {
        let new = checked(&input("Teşekkür", "tr", " Rica ederiz! ")).unwrap();
        assert_eq!(new.shortcut, "teşekkür");
        assert_eq!(new.body, "Rica ederiz!");
        assert_eq!(
            checked(&input("horário-2", "PT", "x")).unwrap().language,
            "pt"
        );
    }

    #[test]
    fn bad_fields_are_each_named() {
        let fields = |i: CannedReplyInput| -> Vec<String> {
            checked(&i)
                .unwrap_err()
                .0
                .into_iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(fields(input("two words", "en", "x")), ["shortcut"]);
        assert_eq!(fields(input("", "en", "x")), ["shortcut"]);
        assert_eq!(fields(input(&"a".repeat(33), "en", "x")), ["shortcut"]);
        assert_eq!(fields(input("/hours", "en", "x")), ["shortcut"]);
        assert_eq!(fields(input("ok", "fr", "x")), ["language"]);
        assert_eq!(fields(input("ok", "en", "  ")), ["body"]);
        assert_eq!(fields(input("ok", "en", &"a".repeat(4_001))), ["body"]);
        assert!(checked(&input(&"a".repeat(32), "en", &"a".repeat(4_000))).is_ok());
    }
}
