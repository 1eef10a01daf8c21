//! `/api/v1/clinics/{slug}/availability` and `/appointments`: finding and booking time.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use frontdesk_domain::scheduling::local_time::day_start;
use frontdesk_domain::scheduling::{
    Actor, Appointment, AppointmentKind, AppointmentSource, AppointmentStatus, CancelledBy,
    PartOfDay, Slot, StatusChange,
};
use frontdesk_domain::validation::bounded_text;
use frontdesk_domain::{
    AppointmentId, ClinicAction, ClinicProfile, Invalid, PatientId, PractitionerId, Role, ServiceId,
};
use frontdesk_store::{AppointmentFilter, HistoryEntry, NamedAppointment, Reminder};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::ClinicContext;
use crate::messaging::events::InboxEvent;
use crate::problem::{ApiError, ApiJson, ApiQuery, OptionalApiJson, Problem};
use crate::routes::patients::page_size;
use crate::routes::{parse_time_cursor, path_id, time_cursor};
use crate::service::scheduling::{self, BookingRequest, SlotSearch};
use crate::state::AppState;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(availability))
        .routes(routes!(list_appointments, create_appointment))
        .routes(routes!(get_appointment))
        .routes(routes!(reschedule))
        .routes(routes!(confirm))
        .routes(routes!(cancel))
        .routes(routes!(arrive))
        .routes(routes!(complete))
        .routes(routes!(no_show))
}

/// An availability search.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityQuery {
    /// The service.
    service_id: ServiceId,
    /// One practitioner; omit for any who performs the service.
    practitioner_id: Option<PractitionerId>,
    /// First day in the clinic's calendar; default today there.
    #[serde(
        default,
        deserialize_with = "frontdesk_domain::validation::calendar_range::optional_day"
    )]
    #[param(pattern = "DATE_IN_RANGE")]
    from: Option<NaiveDate>,
    /// Last day (inclusive, at most 31 days on); default six days after `from`.
    #[serde(
        default,
        deserialize_with = "frontdesk_domain::validation::calendar_range::optional_day"
    )]
    #[param(pattern = "DATE_IN_RANGE")]
    to: Option<NaiveDate>,
    /// `morning`, `afternoon` or `evening`.
    part_of_day: Option<PartOfDay>,
    /// At most this many slots (1–500, default 100).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<usize>,
    /// Only what patients may book themselves, with the clinic's minimum notice.
    #[serde(default)]
    patient_facing: bool,
}

/// Bookable slots.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SlotList {
    /// The clinic's time zone, for showing the slots.
    time_zone: String,
    /// Slots, earliest first.
    slots: Vec<Slot>,
}

fn today(ctx: &ClinicContext) -> NaiveDate {
    Utc::now()
        .with_timezone(&ctx.clinic.profile.time_zone.0)
        .date_naive()
}

/// Bookable slots for a service, in the clinic's time zone, spread across practitioners.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/availability", tag = "appointments", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), AvailabilityQuery),
    responses((status = 200, body = SlotList), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn availability(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiQuery(q): ApiQuery<AvailabilityQuery>,
) -> Result<Json<SlotList>, ApiError> {
    ctx.require(ClinicAction::ViewSchedule)?;
    let from = q.from.unwrap_or_else(|| today(&ctx));
    let limit = q.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(Invalid::field("limit", "must be between 1 and 500").into());
    }
    let search = SlotSearch {
        service_id: q.service_id,
        practitioner_id: q.practitioner_id,
        from,
        to: q.to.unwrap_or(from + Duration::days(6)),
        part_of_day: q.part_of_day,
        limit,
        patient_facing: q.patient_facing,
        ignore: None,
    };
    let slots = scheduling::find_slots(&*state.store, &ctx.clinic, &search, Utc::now()).await?;
    Ok(Json(SlotList {
        time_zone: ctx.clinic.profile.time_zone.name().to_string(),
        slots,
    }))
}

/// Which appointments.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AppointmentQuery {
    /// One day of the clinic's calendar.
    #[serde(
        default,
        deserialize_with = "frontdesk_domain::validation::calendar_range::optional_day"
    )]
    #[param(pattern = "DATE_IN_RANGE")]
    day: Option<NaiveDate>,
    /// The week (Monday to Sunday) containing this day.
    #[serde(
        default,
        deserialize_with = "frontdesk_domain::validation::calendar_range::optional_day"
    )]
    #[param(pattern = "DATE_IN_RANGE")]
    week: Option<NaiveDate>,
    /// Starting at or after (RFC 3339).
    #[serde(
        default,
        deserialize_with = "frontdesk_domain::validation::calendar_range::optional_instant"
    )]
    #[param(pattern = "INSTANT_IN_RANGE")]
    from: Option<DateTime<Utc>>,
    /// Starting before (RFC 3339).
    #[serde(
        default,
        deserialize_with = "frontdesk_domain::validation::calendar_range::optional_instant"
    )]
    #[param(pattern = "INSTANT_IN_RANGE")]
    to: Option<DateTime<Utc>>,
    /// With this practitioner.
    practitioner_id: Option<PractitionerId>,
    /// For this patient.
    patient_id: Option<PatientId>,
    /// In this status.
    status: Option<AppointmentStatus>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "TIME_CURSOR")]
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// A page of appointments.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AppointmentPage {
    /// Appointments by start time.
    items: Vec<ListedAppointment>,
    /// Pass as `cursor` for the next page; absent on the last.
    next_cursor: Option<String>,
}

/// An appointment in a list, with the names a client shows for it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ListedAppointment {
    /// The appointment.
    #[serde(flatten)]
    appointment: Appointment,
    /// The service's name in the clinic's default language, else in the first of the clinic's
    /// languages it has a name in, else in any.
    service_name: String,
    /// The service's name in each language it is named in (language code → name).
    service_names: BTreeMap<String, String>,
    /// The practitioner's name.
    practitioner_name: String,
    /// The patient's name.
    patient_name: String,
}

impl ListedAppointment {
    fn new(named: NamedAppointment, profile: &ClinicProfile) -> Self {
        let service_name = std::iter::once(&profile.default_language)
            .chain(&profile.languages)
            .find_map(|l| named.service_name.get(l.code()))
            .or_else(|| named.service_name.values().next())
            .cloned()
            .unwrap_or_default();
        ListedAppointment {
            appointment: named.appointment,
            service_name,
            service_names: named.service_name,
            practitioner_name: named.practitioner_name,
            patient_name: named.patient_name,
        }
    }
}

fn cursor_of(a: &Appointment) -> String {
    time_cursor(a.starts_at, a.id.as_uuid())
}

fn parse_cursor(raw: &str) -> Result<(DateTime<Utc>, AppointmentId), ApiError> {
    Ok(parse_time_cursor(raw).map(|(at, id)| (at, AppointmentId::from_uuid(id)))?)
}

/// Appointments by day, week or range, practitioner, patient and status; by start time.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/appointments", tag = "appointments", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), AppointmentQuery),
    responses((status = 200, body = AppointmentPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn list_appointments(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiQuery(q): ApiQuery<AppointmentQuery>,
) -> Result<Json<AppointmentPage>, ApiError> {
    ctx.require(ClinicAction::ViewSchedule)?;
    let tz = ctx.clinic.profile.time_zone.0;
    let days = |first: NaiveDate, count: i64| {
        (
            day_start(tz, first),
            day_start(tz, first + Duration::days(count)),
        )
    };
    let (from, until) = match (q.day, q.week) {
        (Some(_), Some(_)) => {
            return Err(Invalid::field("week", "give either day or week, not both").into());
        }
        (Some(day), None) => {
            let (a, b) = days(day, 1);
            (Some(a), Some(b))
        }
        (None, Some(day)) => {
            let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
            let (a, b) = days(monday, 7);
            (Some(a), Some(b))
        }
        (None, None) => (q.from, q.to),
    };
    let limit = page_size(q.limit)?;
    let filter = AppointmentFilter {
        from,
        until,
        practitioner: q.practitioner_id,
        patient: q.patient_id,
        status: q.status,
        after: q.cursor.as_deref().map(parse_cursor).transpose()?,
        limit,
    };
    let named = state
        .store
        .named_appointments(ctx.clinic_id(), &filter)
        .await?;
    let next_cursor = (named.len() == limit as usize)
        .then(|| named.last().map(|n| cursor_of(&n.appointment)))
        .flatten();
    let items = named
        .into_iter()
        .map(|n| ListedAppointment::new(n, &ctx.clinic.profile))
        .collect();
    Ok(Json(AppointmentPage { items, next_cursor }))
}

/// A booking.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAppointmentRequest {
    /// The service.
    service_id: ServiceId,
    /// The practitioner; omit to take whoever availability offers at that time.
    practitioner_id: Option<PractitionerId>,
    /// The patient.
    patient_id: PatientId,
    /// Start (RFC 3339).
    #[serde(deserialize_with = "frontdesk_domain::validation::calendar_range::instant")]
    #[schema(pattern = "INSTANT_IN_RANGE")]
    starts_at: DateTime<Utc>,
    /// `confirmed` (default) or `held` (tentative, released after the clinic's hold time).
    #[serde(default)]
    status: Option<AppointmentStatus>,
    /// `in_person` (default), `online` or `follow_up`.
    #[serde(default)]
    kind: Option<AppointmentKind>,
    /// Notes for staff.
    #[serde(default)]
    #[schema(max_length = 2000, pattern = "TEXT")]
    notes: String,
    /// Book past the clinic's booking horizon (`horizon_days`), which staff bookings also
    /// keep to unless this says so.
    #[serde(default)]
    beyond_horizon: bool,
}

/// Books an appointment. Send an `Idempotency-Key` header to make retries safe: a repeat
/// returns the first result (with `Idempotent-Replayed: true`).
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/appointments", tag = "appointments", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"),
        ("Idempotency-Key" = Option<String>, Header, description = "makes retries safe")),
    request_body = NewAppointmentRequest,
    responses(
        (status = 201, body = Appointment),
        (status = 409, body = Problem, description = "the time is taken (double booking refused)", content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
async fn create_appointment(
    State(state): State<AppState>,
    ctx: ClinicContext,
    headers: HeaderMap,
    ApiJson(req): ApiJson<NewAppointmentRequest>,
) -> Result<Response, ApiError> {
    ctx.require(ClinicAction::BookAppointments)?;
    let idempotency = match headers.get("idempotency-key") {
        None => None,
        Some(v) => {
            let key = v
                .to_str()
                .ok()
                .map(str::trim)
                .filter(|k| !k.is_empty() && k.len() <= 255)
                .ok_or_else(|| {
                    Invalid::field("Idempotency-Key", "must be 1–255 visible ASCII characters")
                })?;
            // The parsed request, printed in its fixed field order: equal requests match
            // whatever order or spacing the client sent.
            let canonical = serde_json::to_string(&req)
                .map_err(|e| ApiError::Unexpected(anyhow::anyhow!("fingerprint: {e}")))?;
            Some((key.to_string(), hex(&Sha256::digest(canonical.as_bytes()))))
        }
    };
    let status = req.status.unwrap_or(AppointmentStatus::Confirmed);
    if !matches!(
        status,
        AppointmentStatus::Held | AppointmentStatus::Confirmed
    ) {
        return Err(Invalid::field("status", "a new appointment is `held` or `confirmed`").into());
    }
    ensure_calendar_of(&state, &ctx, req.practitioner_id).await?;
    let booking = scheduling::book(
        &*state.store,
        &ctx.clinic,
        BookingRequest {
            service_id: req.service_id,
            practitioner_id: req.practitioner_id,
            patient_id: req.patient_id,
            starts_at: req.starts_at,
            hold: status == AppointmentStatus::Held,
            kind: req.kind.unwrap_or(AppointmentKind::InPerson),
            source: AppointmentSource::Staff,
            notes: bounded_text("notes", &req.notes, 0, 2000)?,
            actor: Actor::staff(ctx.account_id),
            idempotency,
            beyond_horizon: req.beyond_horizon,
        },
        Utc::now(),
    )
    .await;
    let booking = match booking {
        Ok(b) => b,
        Err(refusal) => {
            let wanted = (req.service_id, req.practitioner_id, req.starts_at);
            return Err(scheduling::naming_conflicts(
                &*state.store,
                &ctx.clinic,
                refusal,
                wanted,
                None,
            )
            .await);
        }
    };
    told(&state, &ctx, &booking.appointment);
    let mut response = (StatusCode::CREATED, Json(booking.appointment)).into_response();
    if booking.replayed {
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok(response)
}

/// Refuses a practitioner acting on another practitioner's calendar.
async fn ensure_calendar_of(
    state: &AppState,
    ctx: &ClinicContext,
    practitioner: Option<PractitionerId>,
) -> Result<(), ApiError> {
    if ctx.role != Role::Practitioner {
        return Ok(());
    }
    let linked = match practitioner {
        Some(p) => state
            .store
            .practitioner(ctx.clinic_id(), p)
            .await?
            .and_then(|p| p.details.account_id),
        None => None,
    };
    if ctx.role.may_change_calendar_of(ctx.account_id, linked) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "practitioners book and change only their own appointments (name yourself as the practitioner)".into(),
        ))
    }
}

/// Refuses a practitioner acting on an appointment of another practitioner's calendar.
async fn ensure_appointment_of(
    state: &AppState,
    ctx: &ClinicContext,
    id: AppointmentId,
) -> Result<(), ApiError> {
    if ctx.role != Role::Practitioner {
        return Ok(());
    }
    let practitioner = state
        .store
        .appointment(ctx.clinic_id(), id)
        .await?
        .map(|a| a.practitioner_id)
        .ok_or_else(|| ApiError::NotFound("no such appointment in this clinic".into()))?;
    ensure_calendar_of(state, ctx, Some(practitioner)).await
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An appointment with its history and reminders.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AppointmentDetail {
    /// The appointment.
    #[serde(flatten)]
    appointment: Appointment,
    /// Every change, oldest first.
    history: Vec<HistoryEntry>,
    /// Its reminders.
    reminders: Vec<Reminder>,
}

fn appointment_id(raw: &str) -> Result<AppointmentId, ApiError> {
    Ok(AppointmentId::from_uuid(path_id(raw, "appointment")?))
}

/// One appointment, with its history and reminders.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/appointments/{appointment_id}", tag = "appointments", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("appointment_id" = String, Path, description = "the appointment")),
    responses((status = 200, body = AppointmentDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_appointment(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<AppointmentDetail>, ApiError> {
    ctx.require(ClinicAction::ViewSchedule)?;
    let id = appointment_id(&id)?;
    let appointment = state
        .store
        .appointment(ctx.clinic_id(), id)
        .await?
        .ok_or_else(|| ApiError::NotFound("no such appointment in this clinic".into()))?;
    Ok(Json(AppointmentDetail {
        appointment,
        history: state.store.appointment_history(ctx.clinic_id(), id).await?,
        reminders: state.store.reminders(ctx.clinic_id(), id).await?,
    }))
}

/// A new time.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RescheduleRequest {
    /// New start (RFC 3339).
    #[serde(deserialize_with = "frontdesk_domain::validation::calendar_range::instant")]
    #[schema(pattern = "INSTANT_IN_RANGE")]
    starts_at: DateTime<Utc>,
    /// Another practitioner, if it changes.
    practitioner_id: Option<PractitionerId>,
    /// Move past the clinic's booking horizon (staff only).
    #[serde(default)]
    beyond_horizon: bool,
}

/// Moves an appointment; the same no-double-booking rule applies.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/appointments/{appointment_id}/reschedule", tag = "appointments", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("appointment_id" = String, Path, description = "the appointment")),
    request_body = RescheduleRequest,
    responses((status = 200, body = Appointment), (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn reschedule(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
    ApiJson(req): ApiJson<RescheduleRequest>,
) -> Result<Json<Appointment>, ApiError> {
    ctx.require(ClinicAction::BookAppointments)?;
    let id = appointment_id(&id)?;
    ensure_appointment_of(&state, &ctx, id).await?;
    if req.practitioner_id.is_some() {
        ensure_calendar_of(&state, &ctx, req.practitioner_id).await?;
    }
    let actor = Actor::staff(ctx.account_id);
    let moved = scheduling::reschedule(
        &*state.store,
        &ctx.clinic,
        id,
        scheduling::NewTime {
            starts_at: req.starts_at,
            practitioner_id: req.practitioner_id,
            beyond_horizon: req.beyond_horizon,
        },
        actor,
        Utc::now(),
    )
    .await;
    let moved = match moved {
        Ok(a) => a,
        Err(refusal) => {
            let current = state.store.appointment(ctx.clinic_id(), id).await?;
            let Some(current) = current else {
                return Err(refusal);
            };
            let wanted = (
                current.service_id,
                req.practitioner_id.or(Some(current.practitioner_id)),
                req.starts_at,
            );
            return Err(scheduling::naming_conflicts(
                &*state.store,
                &ctx.clinic,
                refusal,
                wanted,
                Some(id),
            )
            .await);
        }
    };
    told(&state, &ctx, &moved);
    Ok(Json(moved))
}

/// Tells live calendars (of every server process) that `a` changed.
fn told(state: &AppState, ctx: &ClinicContext, a: &Appointment) {
    state
        .messaging
        .events
        .send(InboxEvent::appointment(ctx.clinic_id(), a));
}

async fn change(
    state: &AppState,
    ctx: &ClinicContext,
    raw: &str,
    change: StatusChange,
) -> Result<Json<Appointment>, ApiError> {
    ctx.require(ClinicAction::BookAppointments)?;
    let id = appointment_id(raw)?;
    ensure_appointment_of(state, ctx, id).await?;
    let actor = Actor::staff(ctx.account_id);
    let changed = state
        .store
        .change_status(ctx.clinic_id(), id, &change, actor, Utc::now())
        .await?;
    told(state, ctx, &changed);
    Ok(Json(changed))
}

/// Confirms a held appointment before its hold lapses.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/appointments/{appointment_id}/confirm", tag = "appointments", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("appointment_id" = String, Path, description = "the appointment")),
    responses((status = 200, body = Appointment), (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn confirm(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<Appointment>, ApiError> {
    change(&state, &ctx, &id, StatusChange::Confirm).await
}

/// Who cancels and why.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    /// `patient` or `clinic` (default).
    #[serde(default)]
    by: Option<CancelledBy>,
    /// Why.
    #[serde(default)]
    #[schema(max_length = 500, pattern = "TEXT")]
    reason: Option<String>,
}

/// Cancels an appointment (the body is optional); flagged late inside the clinic's
/// cancellation notice.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/appointments/{appointment_id}/cancel", tag = "appointments", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("appointment_id" = String, Path, description = "the appointment")),
    request_body = Option<CancelRequest>,
    responses((status = 200, body = Appointment), (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn cancel(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
    OptionalApiJson(req): OptionalApiJson<CancelRequest>,
) -> Result<Json<Appointment>, ApiError> {
    let req = req.unwrap_or_default();
    let reason = req
        .reason
        .map(|r| bounded_text("reason", &r, 0, 500))
        .transpose()?;
    let by = req.by.unwrap_or(CancelledBy::Clinic);
    change(&state, &ctx, &id, StatusChange::Cancel { by, reason }).await
}

/// Marks the patient arrived.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/appointments/{appointment_id}/arrive", tag = "appointments", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("appointment_id" = String, Path, description = "the appointment")),
    responses((status = 200, body = Appointment), (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn arrive(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<Appointment>, ApiError> {
    change(&state, &ctx, &id, StatusChange::Arrive).await
}

/// Marks the visit completed (once it has started).
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/appointments/{appointment_id}/complete", tag = "appointments", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("appointment_id" = String, Path, description = "the appointment")),
    responses((status = 200, body = Appointment), (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn complete(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<Appointment>, ApiError> {
    change(&state, &ctx, &id, StatusChange::Complete).await
}

/// Marks a no-show (once the start has passed).
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/appointments/{appointment_id}/no-show", tag = "appointments", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("appointment_id" = String, Path, description = "the appointment")),
    responses((status = 200, body = Appointment), (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn no_show(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<Appointment>, ApiError> {
    change(&state, &ctx, &id, StatusChange::NoShow).await
}
