//! `/api/v1/clinics/{slug}/patients`: the clinic's patients.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::Utc;
use frontdesk_domain::clinic::normalize_phone;
use frontdesk_domain::scheduling::{Patient, PatientDetails};
use frontdesk_domain::{ClinicAction, Invalid, PatientId};
use frontdesk_store::PatientFilter;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::ClinicContext;
use crate::problem::{ApiError, ApiJson, ApiQuery, Problem};
use crate::routes::{merged, path_id, search_text};
use crate::state::AppState;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_patients, create_patient))
        .routes(routes!(get_patient, update_patient))
}

/// Largest page a list returns.
pub const MAX_PAGE: u32 = 200;

/// Which patients.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PatientQuery {
    /// Only those with this phone (any format with the country code).
    #[param(pattern = "PHONE")]
    phone: Option<String>,
    /// Only those whose name holds these words, in order, in any case and with or without
    /// accents; or, when it looks like a number, whose phone holds its digits (2–200
    /// characters).
    #[param(min_length = 2, max_length = 200, pattern = "NON_BLANK_TEXT")]
    q: Option<String>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "UUID")]
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// A page of patients.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PatientPage {
    /// Patients, oldest first.
    items: Vec<Patient>,
    /// Pass as `cursor` for the next page; absent on the last.
    next_cursor: Option<String>,
}

/// Checks a page size.
pub(crate) fn page_size(limit: Option<u32>) -> Result<u32, ApiError> {
    match limit.unwrap_or(50) {
        n @ 1..=MAX_PAGE => Ok(n),
        _ => Err(Invalid::field("limit", format!("must be between 1 and {MAX_PAGE}")).into()),
    }
}

/// Patients, oldest first; look one up by phone with `?phone=`, find them by name or part of
/// their number with `?q=`.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/patients", tag = "patients", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), PatientQuery),
    responses((status = 200, body = PatientPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn list_patients(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiQuery(q): ApiQuery<PatientQuery>,
) -> Result<Json<PatientPage>, ApiError> {
    ctx.require(ClinicAction::BookAppointments)?;
    let limit = page_size(q.limit)?;
    let phone = q.phone.map(|p| normalize_phone("phone", &p)).transpose()?;
    let after = q
        .cursor
        .map(|c| {
            uuid::Uuid::parse_str(&c)
                .map(PatientId::from_uuid)
                .map_err(|_| Invalid::field("cursor", "not a cursor this API returned"))
        })
        .transpose()?;
    let items = state
        .store
        .patients(
            ctx.clinic_id(),
            &PatientFilter {
                phone,
                search: q.q.map(|text| search_text(&text)).transpose()?,
                after,
                limit,
            },
        )
        .await?;
    let next_cursor = (items.len() == limit as usize)
        .then(|| items.last().map(|p| p.id.to_string()))
        .flatten();
    Ok(Json(PatientPage { items, next_cursor }))
}

/// Records a patient.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/patients", tag = "patients", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    request_body = PatientDetails,
    responses((status = 201, body = Patient), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_patient(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiJson(details): ApiJson<PatientDetails>,
) -> Result<(StatusCode, Json<Patient>), ApiError> {
    ctx.require(ClinicAction::BookAppointments)?;
    let now = Utc::now();
    let details = details.validated(now.date_naive())?;
    let patient = state
        .store
        .create_patient(ctx.clinic_id(), PatientId::new(), &details, now)
        .await?;
    Ok((StatusCode::CREATED, Json(patient)))
}

async fn current(state: &AppState, ctx: &ClinicContext, raw: &str) -> Result<Patient, ApiError> {
    let id = PatientId::from_uuid(path_id(raw, "patient")?);
    state
        .store
        .patient(ctx.clinic_id(), id)
        .await?
        .ok_or_else(|| ApiError::NotFound("no such patient in this clinic".into()))
}

/// One patient.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/patients/{patient_id}", tag = "patients", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("patient_id" = String, Path, description = "the patient")),
    responses((status = 200, body = Patient), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_patient(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<Patient>, ApiError> {
    ctx.require(ClinicAction::BookAppointments)?;
    Ok(Json(current(&state, &ctx, &id).await?))
}

/// Changes a patient; absent fields stay.
#[utoipa::path(patch, path = "/api/v1/clinics/{slug}/patients/{patient_id}", tag = "patients", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("patient_id" = String, Path, description = "the patient")),
    request_body = Object,
    responses((status = 200, body = Patient), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn update_patient(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
    ApiJson(patch): ApiJson<serde_json::Value>,
) -> Result<Json<Patient>, ApiError> {
    ctx.require(ClinicAction::BookAppointments)?;
    let patient = current(&state, &ctx, &id).await?;
    let now = Utc::now();
    let details = merged(&patient.details, patch)?.validated(now.date_naive())?;
    Ok(Json(
        state
            .store
            .update_patient(ctx.clinic_id(), patient.id, &details, now)
            .await?,
    ))
}
