//! Calendar feeds: staff create and revoke secret iCalendar URLs; calendar apps fetch them.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use frontdesk_domain::scheduling::{Appointment, AppointmentStatus};
use frontdesk_domain::validation::bounded_text;
use frontdesk_domain::{CalendarFeedId, ClinicAction, ClinicId, PractitionerId};
use frontdesk_store::{AppointmentFilter, CalendarFeed};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::ClinicContext;
use crate::auth::token::{hash_opaque_token, new_opaque_token};
use crate::ical::{EventText, Feed};
use crate::problem::{ApiError, ApiJson, Problem};
use crate::routes::path_id;
use crate::state::AppState;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_feeds, create_feed))
        .routes(routes!(revoke_feed))
        .routes(routes!(feed_document))
}

/// How far back and ahead a feed reaches.
const PAST_DAYS: i64 = 60;
const FUTURE_DAYS: i64 = 365;

/// A feed to create.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFeed {
    /// One practitioner's appointments; omit for the whole clinic.
    practitioner_id: Option<PractitionerId>,
    /// A name for staff, e.g. "Dr. Ana's phone".
    #[schema(max_length = 120, pattern = "NON_BLANK_TEXT")]
    label: String,
}

/// A new feed and its secret URL, shown once.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CreatedFeed {
    /// The feed.
    #[serde(flatten)]
    feed: CalendarFeed,
    /// Subscribe to this URL; anyone with it can read the calendar, so revoke it if it leaks.
    url: String,
}

/// The clinic's live calendar feeds (their URLs are not shown again).
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/calendar-feeds", tag = "calendar", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    responses((status = 200, body = Vec<CalendarFeed>)))]
async fn list_feeds(
    State(state): State<AppState>,
    ctx: ClinicContext,
) -> Result<Json<Vec<CalendarFeed>>, ApiError> {
    ctx.require(ClinicAction::ManageSchedule)?;
    Ok(Json(state.store.calendar_feeds(ctx.clinic_id()).await?))
}

/// Creates a secret iCalendar URL for the clinic or one practitioner (owner, admin).
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/calendar-feeds", tag = "calendar", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    request_body = NewFeed,
    responses((status = 201, body = CreatedFeed), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_feed(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiJson(req): ApiJson<NewFeed>,
) -> Result<(StatusCode, Json<CreatedFeed>), ApiError> {
    ctx.require(ClinicAction::ManageSchedule)?;
    let token = new_opaque_token().map_err(|e| ApiError::Unexpected(anyhow::anyhow!("{e}")))?;
    let feed = CalendarFeed {
        id: CalendarFeedId::new(),
        practitioner_id: req.practitioner_id,
        label: bounded_text("label", &req.label, 1, 120)?,
        created_at: Utc::now(),
    };
    let feed = state
        .store
        .create_calendar_feed(ctx.clinic_id(), &feed, &hash_opaque_token(&token))
        .await?;
    let url = format!(
        "{}/calendar/{token}.ics",
        state.config.public_url.trim_end_matches('/')
    );
    Ok((StatusCode::CREATED, Json(CreatedFeed { feed, url })))
}

/// Revokes a feed: its URL stops working at once (owner, admin).
#[utoipa::path(delete, path = "/api/v1/clinics/{slug}/calendar-feeds/{feed_id}", tag = "calendar", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("feed_id" = String, Path, description = "the feed")),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn revoke_feed(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    ctx.require(ClinicAction::ManageSchedule)?;
    let id = CalendarFeedId::from_uuid(path_id(&id, "calendar feed")?);
    state
        .store
        .revoke_calendar_feed(ctx.clinic_id(), id, Utc::now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The iCalendar document of a feed; the secret in the URL is the only credential.
#[utoipa::path(get, path = "/calendar/{token}", tag = "calendar",
    params(("token" = String, Path, description = "the feed's secret, followed by `.ics`")),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn feed_document(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let gone = || ApiError::NotFound("no such calendar feed (it may have been revoked)".into());
    let token = token.strip_suffix(".ics").unwrap_or(&token);
    let (clinic_id, feed) = state
        .store
        .calendar_feed_by_token(&hash_opaque_token(token))
        .await?
        .ok_or_else(gone)?;
    let body = render(&state, clinic_id, &feed).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    )
        .into_response())
}

async fn render(
    state: &AppState,
    clinic_id: ClinicId,
    feed: &CalendarFeed,
) -> Result<String, ApiError> {
    let store = &state.store;
    let clinic = store.clinic(clinic_id).await?;
    let language = clinic.profile.default_language;
    let services: HashMap<_, _> = store
        .services(clinic_id)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let practitioners: HashMap<_, _> = store
        .practitioners(clinic_id)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut name = clinic.profile.name.as_str().to_string();
    if let Some(p) = feed.practitioner_id.and_then(|id| practitioners.get(&id)) {
        name = format!("{name} — {}", p.details.name);
    }
    let now = Utc::now();
    let mut doc = Feed::new(&name, clinic.profile.time_zone.name());
    let mut filter = AppointmentFilter {
        from: Some(now - Duration::days(PAST_DAYS)),
        until: Some(now + Duration::days(FUTURE_DAYS)),
        practitioner: feed.practitioner_id,
        limit: 200,
        ..Default::default()
    };
    let mut patients = HashMap::new();
    loop {
        let page = store.appointments(clinic_id, &filter).await?;
        for a in &page {
            if matches!(
                a.status,
                AppointmentStatus::Held | AppointmentStatus::Expired
            ) {
                continue;
            }
            let patient = match patients.get(&a.patient_id) {
                Some(name) => String::clone(name),
                None => {
                    let p = store.patient(clinic_id, a.patient_id).await?;
                    let name = p.map(|p| short_name(&p.details.name)).unwrap_or_default();
                    patients.insert(a.patient_id, name.clone());
                    name
                }
            };
            let service = services
                .get(&a.service_id)
                .map(|s| s.details.name_in(language))
                .unwrap_or("Appointment");
            let practitioner = practitioners
                .get(&a.practitioner_id)
                .map(|p| p.details.name.as_str())
                .unwrap_or("");
            let text = EventText {
                summary: format!("{service} — {patient}"),
                description: describe(a, practitioner),
            };
            doc.event(a, &text, now);
        }
        match page.last() {
            Some(last) if page.len() == filter.limit as usize => {
                filter.after = Some((last.starts_at, last.id))
            }
            _ => break,
        }
    }
    Ok(doc.finish())
}

/// First name and last initial: enough for the practitioner, less if the URL leaks.
fn short_name(full: &str) -> String {
    let mut parts = full.split_whitespace();
    let first = parts.next().unwrap_or_default();
    match parts.last().and_then(|l| l.chars().next()) {
        Some(initial) => format!("{first} {initial}."),
        None => first.to_string(),
    }
}

fn describe(a: &Appointment, practitioner: &str) -> String {
    let mut lines = vec![
        format!("With {practitioner}"),
        format!("Status: {}", a.status),
    ];
    if a.late_cancellation {
        lines.push("Late cancellation".into());
    }
    if !a.notes.is_empty() {
        lines.push(a.notes.clone());
    }
    lines.join("\n")
}
