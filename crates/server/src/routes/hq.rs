//! `/api/v1/hq/…`: the operator's view across clinics.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use frontdesk_domain::validation::Checker;
use frontdesk_domain::{Clinic, Email, Slug};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::HqCaller;
use crate::problem::{ApiError, ApiJson, ApiQuery, Problem};
use crate::routes::auth::NewClinic;
use crate::service::clinics::{self, InviteOutcome};
use crate::state::AppState;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_clinics, create_clinic))
}

/// Paging through clinics.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ClinicPage {
    /// Continue after this slug (the `next` of the previous page).
    after: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// One page of clinics.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ClinicList {
    /// Clinics ordered by slug.
    clinics: Vec<Clinic>,
    /// Pass as `after` for the next page; absent on the last.
    next: Option<String>,
}

/// Every clinic (HQ superadmin and ops).
#[utoipa::path(get, path = "/api/v1/hq/clinics", tag = "hq", security(("bearer" = [])), params(ClinicPage),
    responses((status = 200, body = ClinicList), (status = 403, body = Problem, content_type = "application/problem+json")))]
async fn list_clinics(
    State(state): State<AppState>,
    _hq: HqCaller,
    ApiQuery(page): ApiQuery<ClinicPage>,
) -> Result<Json<ClinicList>, ApiError> {
    let limit = page.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(frontdesk_domain::Invalid::field("limit", "must be between 1 and 200").into());
    }
    let after = page
        .after
        .as_deref()
        .map(|s| Slug::parse("after", s))
        .transpose()?;
    let clinics = state.store.list_clinics(after.as_ref(), limit).await?;
    let next = (clinics.len() == limit as usize)
        .then(|| clinics.last().map(|c| c.slug.to_string()))
        .flatten();
    Ok(Json(ClinicList { clinics, next }))
}

/// A clinic to create, and optionally its owner.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HqNewClinic {
    /// The clinic.
    clinic: NewClinic,
    /// The owner's e-mail: added if they have an account, invited if not.
    #[serde(default)]
    owner_email: Option<String>,
}

/// What HQ created.
#[derive(Serialize, utoipa::ToSchema)]
pub struct HqCreated {
    /// The clinic.
    clinic: Clinic,
    /// What happened with the owner, when one was named.
    owner: Option<InviteOutcome>,
}

/// Creates a clinic (HQ superadmin).
#[utoipa::path(post, path = "/api/v1/hq/clinics", tag = "hq", security(("bearer" = [])), request_body = HqNewClinic,
    responses(
        (status = 201, body = HqCreated),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, description = "slug taken", content_type = "application/problem+json"),
    ))]
async fn create_clinic(
    State(state): State<AppState>,
    hq: HqCaller,
    ApiJson(req): ApiJson<HqNewClinic>,
) -> Result<(StatusCode, Json<HqCreated>), ApiError> {
    let mut c = Checker::default();
    let parsed = req.clinic.parse("clinic.", &mut c);
    let owner = req
        .owner_email
        .as_deref()
        .map(|e| c.check(Email::parse("owner_email", e)));
    c.finish()?;
    let Some((slug, profile)) = parsed else {
        return Err(ApiError::bad_request("invalid clinic"));
    };
    let (clinic, owner) =
        clinics::create_for_hq(&state, &hq, slug, profile, owner.flatten()).await?;
    Ok((StatusCode::CREATED, Json(HqCreated { clinic, owner })))
}
