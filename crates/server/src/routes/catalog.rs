//! `/api/v1/clinics/{slug}/…`: booking rules, services, practitioners, their hours and
//! exceptions, and clinic closures.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use frontdesk_domain::scheduling::{
    Closure, ExceptionKind, Practitioner, PractitionerDetails, ScheduleException, SchedulingPolicy,
    Service, ServiceDetails,
};
use frontdesk_domain::validation::bounded_text;
use frontdesk_domain::{
    ClinicAction, ClosureId, ExceptionId, OpeningHours, PractitionerId, ServiceId,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::ClinicContext;
use crate::problem::{ApiError, ApiJson, ApiQuery, Problem};
use crate::routes::{merged, path_id};
use crate::state::AppState;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_policy, put_policy))
        .routes(routes!(list_services, create_service))
        .routes(routes!(get_service, update_service))
        .routes(routes!(list_practitioners, create_practitioner))
        .routes(routes!(get_practitioner, update_practitioner))
        .routes(routes!(put_working_hours))
        .routes(routes!(list_exceptions, add_exception))
        .routes(routes!(remove_exception))
        .routes(routes!(list_closures, add_closure))
        .routes(routes!(remove_closure))
}

fn not_found(what: &str) -> ApiError {
    ApiError::NotFound(format!("no such {what} in this clinic"))
}

/// The clinic's booking rules.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/scheduling-policy", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    responses((status = 200, body = SchedulingPolicy), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_policy(
    State(state): State<AppState>,
    ctx: ClinicContext,
) -> Result<Json<SchedulingPolicy>, ApiError> {
    ctx.require(ClinicAction::ViewSchedule)?;
    Ok(Json(state.store.scheduling_policy(ctx.clinic_id()).await?))
}

/// Replaces the clinic's booking rules (owner, admin); absent fields take their defaults.
#[utoipa::path(put, path = "/api/v1/clinics/{slug}/scheduling-policy", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    request_body = SchedulingPolicy,
    responses((status = 200, body = SchedulingPolicy), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn put_policy(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiJson(policy): ApiJson<SchedulingPolicy>,
) -> Result<Json<SchedulingPolicy>, ApiError> {
    ctx.require(ClinicAction::ManageSchedule)?;
    let policy = policy.validated()?;
    state
        .store
        .set_scheduling_policy(ctx.clinic_id(), &policy)
        .await?;
    Ok(Json(policy))
}

/// The clinic's services.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/services", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    responses((status = 200, body = Vec<Service>)))]
async fn list_services(
    State(state): State<AppState>,
    ctx: ClinicContext,
) -> Result<Json<Vec<Service>>, ApiError> {
    ctx.require(ClinicAction::ViewSchedule)?;
    Ok(Json(state.store.services(ctx.clinic_id()).await?))
}

/// Adds a service (owner, admin).
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/services", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    request_body = ServiceDetails,
    responses((status = 201, body = Service), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_service(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiJson(details): ApiJson<ServiceDetails>,
) -> Result<(StatusCode, Json<Service>), ApiError> {
    ctx.require(ClinicAction::ManageSchedule)?;
    let details = details.validated()?;
    let service = state
        .store
        .create_service(ctx.clinic_id(), ServiceId::new(), &details)
        .await?;
    Ok((StatusCode::CREATED, Json(service)))
}

/// One service.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/services/{service_id}", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("service_id" = String, Path, description = "the service")),
    responses((status = 200, body = Service), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_service(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<Service>, ApiError> {
    ctx.require(ClinicAction::ViewSchedule)?;
    let id = ServiceId::from_uuid(path_id(&id, "service")?);
    state
        .store
        .service(ctx.clinic_id(), id)
        .await?
        .map(Json)
        .ok_or_else(|| not_found("service"))
}

/// Changes a service (owner, admin); absent fields stay. Deactivate with `{"active": false}`.
#[utoipa::path(patch, path = "/api/v1/clinics/{slug}/services/{service_id}", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("service_id" = String, Path, description = "the service")),
    request_body = Object,
    responses((status = 200, body = Service), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn update_service(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
    ApiJson(patch): ApiJson<serde_json::Value>,
) -> Result<Json<Service>, ApiError> {
    ctx.require(ClinicAction::ManageSchedule)?;
    let id = ServiceId::from_uuid(path_id(&id, "service")?);
    let current = state
        .store
        .service(ctx.clinic_id(), id)
        .await?
        .ok_or_else(|| not_found("service"))?;
    let details = merged(&current.details, patch)?.validated()?;
    Ok(Json(
        state
            .store
            .update_service(ctx.clinic_id(), id, &details)
            .await?,
    ))
}

/// The clinic's practitioners.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/practitioners", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    responses((status = 200, body = Vec<Practitioner>)))]
async fn list_practitioners(
    State(state): State<AppState>,
    ctx: ClinicContext,
) -> Result<Json<Vec<Practitioner>>, ApiError> {
    ctx.require(ClinicAction::ViewSchedule)?;
    Ok(Json(state.store.practitioners(ctx.clinic_id()).await?))
}

/// Adds a practitioner (owner, admin).
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/practitioners", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    request_body = PractitionerDetails,
    responses((status = 201, body = Practitioner), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_practitioner(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiJson(details): ApiJson<PractitionerDetails>,
) -> Result<(StatusCode, Json<Practitioner>), ApiError> {
    ctx.require(ClinicAction::ManageSchedule)?;
    let details = details.validated()?;
    let p = state
        .store
        .create_practitioner(ctx.clinic_id(), PractitionerId::new(), &details)
        .await?;
    Ok((StatusCode::CREATED, Json(p)))
}

async fn current_practitioner(
    state: &AppState,
    ctx: &ClinicContext,
    raw: &str,
) -> Result<Practitioner, ApiError> {
    let id = PractitionerId::from_uuid(path_id(raw, "practitioner")?);
    state
        .store
        .practitioner(ctx.clinic_id(), id)
        .await?
        .ok_or_else(|| not_found("practitioner"))
}

/// One practitioner.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/practitioners/{practitioner_id}", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("practitioner_id" = String, Path, description = "the practitioner")),
    responses((status = 200, body = Practitioner), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_practitioner(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<Practitioner>, ApiError> {
    ctx.require(ClinicAction::ViewSchedule)?;
    Ok(Json(current_practitioner(&state, &ctx, &id).await?))
}

/// Changes a practitioner (owner, admin); absent fields stay.
#[utoipa::path(patch, path = "/api/v1/clinics/{slug}/practitioners/{practitioner_id}", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("practitioner_id" = String, Path, description = "the practitioner")),
    request_body = Object,
    responses((status = 200, body = Practitioner), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn update_practitioner(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
    ApiJson(patch): ApiJson<serde_json::Value>,
) -> Result<Json<Practitioner>, ApiError> {
    ctx.require(ClinicAction::ManageSchedule)?;
    let current = current_practitioner(&state, &ctx, &id).await?;
    let details = merged(&current.details, patch)?.validated()?;
    Ok(Json(
        state
            .store
            .update_practitioner(ctx.clinic_id(), current.id, &details)
            .await?,
    ))
}

/// Replaces a practitioner's weekly working hours (owner, admin).
#[utoipa::path(put, path = "/api/v1/clinics/{slug}/practitioners/{practitioner_id}/working-hours", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("practitioner_id" = String, Path, description = "the practitioner")),
    request_body = OpeningHours,
    responses((status = 200, body = Practitioner), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn put_working_hours(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
    ApiJson(hours): ApiJson<OpeningHours>,
) -> Result<Json<Practitioner>, ApiError> {
    ctx.require(ClinicAction::ManageSchedule)?;
    let current = current_practitioner(&state, &ctx, &id).await?;
    let details = PractitionerDetails {
        working_hours: hours,
        ..current.details
    }
    .validated()?;
    Ok(Json(
        state
            .store
            .update_practitioner(ctx.clinic_id(), current.id, &details)
            .await?,
    ))
}

/// A window of time to list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// From (RFC 3339); default now.
    #[serde(
        default,
        deserialize_with = "frontdesk_domain::validation::calendar_range::optional_instant"
    )]
    #[param(pattern = "INSTANT_IN_RANGE")]
    from: Option<DateTime<Utc>>,
    /// Until (RFC 3339); default 90 days after `from`.
    #[serde(
        default,
        deserialize_with = "frontdesk_domain::validation::calendar_range::optional_instant"
    )]
    #[param(pattern = "INSTANT_IN_RANGE")]
    until: Option<DateTime<Utc>>,
}

/// A practitioner's time off and extra hours in a window.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/practitioners/{practitioner_id}/exceptions", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("practitioner_id" = String, Path, description = "the practitioner"), Window),
    responses((status = 200, body = Vec<ScheduleException>)))]
async fn list_exceptions(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
    ApiQuery(w): ApiQuery<Window>,
) -> Result<Json<Vec<ScheduleException>>, ApiError> {
    ctx.require(ClinicAction::ViewSchedule)?;
    let p = current_practitioner(&state, &ctx, &id).await?;
    let from = w.from.unwrap_or_else(Utc::now);
    let until = w.until.unwrap_or(from + Duration::days(90));
    Ok(Json(
        state
            .store
            .exceptions(ctx.clinic_id(), Some(p.id), from, until)
            .await?,
    ))
}

/// Time off or extra hours.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewException {
    /// `time_off` or `extra_hours`.
    kind: ExceptionKind,
    /// From (RFC 3339).
    #[serde(deserialize_with = "frontdesk_domain::validation::calendar_range::instant")]
    #[schema(pattern = "INSTANT_IN_RANGE")]
    starts_at: DateTime<Utc>,
    /// Until (RFC 3339).
    #[serde(deserialize_with = "frontdesk_domain::validation::calendar_range::instant")]
    #[schema(pattern = "INSTANT_IN_RANGE")]
    ends_at: DateTime<Utc>,
    /// Why.
    #[serde(default)]
    #[schema(max_length = 500, pattern = "TEXT")]
    note: String,
}

/// Records time off or extra hours (owner, admin).
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/practitioners/{practitioner_id}/exceptions", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("practitioner_id" = String, Path, description = "the practitioner")),
    request_body = NewException,
    responses((status = 201, body = ScheduleException), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn add_exception(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
    ApiJson(req): ApiJson<NewException>,
) -> Result<(StatusCode, Json<ScheduleException>), ApiError> {
    ctx.require(ClinicAction::ManageSchedule)?;
    let p = current_practitioner(&state, &ctx, &id).await?;
    ScheduleException::check_span(req.starts_at, req.ends_at)?;
    let e = ScheduleException {
        id: ExceptionId::new(),
        practitioner_id: p.id,
        kind: req.kind,
        starts_at: req.starts_at,
        ends_at: req.ends_at,
        note: bounded_text("note", &req.note, 0, 500)?,
    };
    Ok((
        StatusCode::CREATED,
        Json(state.store.add_exception(ctx.clinic_id(), &e).await?),
    ))
}

/// Deletes an exception (owner, admin).
#[utoipa::path(delete, path = "/api/v1/clinics/{slug}/practitioners/{practitioner_id}/exceptions/{exception_id}", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("practitioner_id" = String, Path, description = "the practitioner"), ("exception_id" = String, Path, description = "the exception")),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn remove_exception(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, practitioner, exception)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    ctx.require(ClinicAction::ManageSchedule)?;
    let practitioner = PractitionerId::from_uuid(path_id(&practitioner, "practitioner")?);
    let exception = ExceptionId::from_uuid(path_id(&exception, "exception")?);
    state
        .store
        .remove_exception(ctx.clinic_id(), practitioner, exception)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Days to list closures for.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct Days {
    /// First day; default today (UTC).
    #[serde(
        default,
        deserialize_with = "frontdesk_domain::validation::calendar_range::optional_day"
    )]
    #[param(pattern = "DATE_IN_RANGE")]
    from: Option<NaiveDate>,
    /// Last day; default a year after `from`.
    #[serde(
        default,
        deserialize_with = "frontdesk_domain::validation::calendar_range::optional_day"
    )]
    #[param(pattern = "DATE_IN_RANGE")]
    to: Option<NaiveDate>,
}

/// The clinic's closures.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/closures", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), Days),
    responses((status = 200, body = Vec<Closure>)))]
async fn list_closures(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiQuery(d): ApiQuery<Days>,
) -> Result<Json<Vec<Closure>>, ApiError> {
    ctx.require(ClinicAction::ViewSchedule)?;
    let from = d.from.unwrap_or_else(|| Utc::now().date_naive());
    let to = d.to.unwrap_or(from + Duration::days(366));
    Ok(Json(state.store.closures(ctx.clinic_id(), from, to).await?))
}

/// A closure to record.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewClosure {
    /// First closed day (the clinic's calendar).
    #[serde(deserialize_with = "frontdesk_domain::validation::calendar_range::day")]
    #[schema(pattern = "DATE_IN_RANGE")]
    first_day: NaiveDate,
    /// Last closed day; default `first_day`.
    #[serde(
        default,
        deserialize_with = "frontdesk_domain::validation::calendar_range::optional_day"
    )]
    #[schema(pattern = "DATE_IN_RANGE")]
    last_day: Option<NaiveDate>,
    /// Why, e.g. "Republic Day".
    #[serde(default)]
    #[schema(max_length = 200, pattern = "TEXT")]
    reason: String,
}

/// Closes the clinic for a day or days (owner, admin).
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/closures", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    request_body = NewClosure,
    responses((status = 201, body = Closure), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn add_closure(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiJson(req): ApiJson<NewClosure>,
) -> Result<(StatusCode, Json<Closure>), ApiError> {
    ctx.require(ClinicAction::ManageSchedule)?;
    let last_day = req.last_day.unwrap_or(req.first_day);
    Closure::check_days(req.first_day, last_day)?;
    let c = Closure {
        id: ClosureId::new(),
        first_day: req.first_day,
        last_day,
        reason: bounded_text("reason", &req.reason, 0, 200)?,
    };
    Ok((
        StatusCode::CREATED,
        Json(state.store.add_closure(ctx.clinic_id(), &c).await?),
    ))
}

/// Reopens closed days (owner, admin).
#[utoipa::path(delete, path = "/api/v1/clinics/{slug}/closures/{closure_id}", tag = "scheduling", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("closure_id" = String, Path, description = "the closure")),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn remove_closure(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    ctx.require(ClinicAction::ManageSchedule)?;
    let id = ClosureId::from_uuid(path_id(&id, "closure")?);
    state.store.remove_closure(ctx.clinic_id(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
