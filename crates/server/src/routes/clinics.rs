//! `/api/v1/clinics/{slug}`: a clinic's settings.

use axum::Json;
use axum::extract::State;
use frontdesk_domain::clinic::Contact;
use frontdesk_domain::validation::Checker;
use frontdesk_domain::{
    Clinic, ClinicName, ClinicProfile, Language, OpeningHours, Persona, Role, TimeZone,
};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::ClinicContext;
use crate::problem::{ApiError, ApiJson, Problem};
use crate::service::clinics;
use crate::state::AppState;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_clinic, update_clinic))
}

/// A clinic and the caller's role in it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ClinicView {
    /// The clinic.
    #[serde(flatten)]
    clinic: Clinic,
    /// Your role there.
    your_role: Role,
}

/// The clinic's settings.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}", tag = "clinics", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    responses(
        (status = 200, body = ClinicView),
        (status = 404, body = Problem, description = "no such clinic, or not a member", content_type = "application/problem+json"),
    ))]
async fn get_clinic(ctx: ClinicContext) -> Json<ClinicView> {
    Json(ClinicView {
        your_role: ctx.role,
        clinic: ctx.clinic,
    })
}

/// Changes to a clinic's settings; absent fields stay as they are.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    /// Display name.
    #[schema(max_length = 200, pattern = "NON_BLANK_TEXT")]
    name: Option<String>,
    /// IANA time zone.
    time_zone: Option<String>,
    /// Default language.
    #[schema(pattern = "LANGUAGE")]
    default_language: Option<String>,
    /// Languages served.
    languages: Option<Vec<String>>,
    /// Contact details (replaced whole).
    #[serde(default, deserialize_with = "crate::problem::optional_object_only")]
    contact: Option<Contact>,
    /// Postal address.
    #[schema(max_length = 500, pattern = "TEXT")]
    address: Option<String>,
    /// Weekly opening hours (replaced whole).
    opening_hours: Option<OpeningHours>,
    /// What to tell a patient with an emergency.
    #[schema(max_length = 2000, pattern = "TEXT")]
    emergency_instructions: Option<String>,
    /// The assistant's persona (replaced whole).
    persona: Option<Persona>,
}

impl SettingsPatch {
    fn apply(self, mut p: ClinicProfile) -> Result<ClinicProfile, ApiError> {
        let mut c = Checker::default();
        if let Some(v) = self
            .name
            .and_then(|v| c.check(ClinicName::parse("name", &v)))
        {
            p.name = v;
        }
        if let Some(v) = self
            .time_zone
            .and_then(|v| c.check(TimeZone::parse("time_zone", &v)))
        {
            p.time_zone = v;
        }
        if let Some(v) = self
            .default_language
            .and_then(|v| c.check(Language::parse("default_language", &v)))
        {
            p.default_language = v;
        }
        if let Some(list) = self.languages {
            p.languages = list
                .iter()
                .enumerate()
                .filter_map(|(i, l)| c.check(Language::parse(&format!("languages[{i}]"), l)))
                .collect();
        }
        if let Some(v) = self.contact {
            p.contact = v;
        }
        if let Some(v) = self.address {
            p.address = v;
        }
        if let Some(v) = self.opening_hours {
            p.opening_hours = v;
        }
        if let Some(v) = self.emergency_instructions {
            p.emergency_instructions = v;
        }
        if let Some(v) = self.persona {
            p.persona = v;
        }
        let validated = c.check(p.validated());
        c.finish()?;
        validated.ok_or_else(|| ApiError::bad_request("invalid settings"))
    }
}

/// Updates the clinic's settings (owner, admin).
#[utoipa::path(patch, path = "/api/v1/clinics/{slug}", tag = "clinics", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    request_body = SettingsPatch,
    responses(
        (status = 200, body = ClinicView),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
async fn update_clinic(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiJson(patch): ApiJson<SettingsPatch>,
) -> Result<Json<ClinicView>, ApiError> {
    let profile = patch.apply(ctx.clinic.profile.clone())?;
    let clinic = clinics::update_settings(&state, &ctx, profile).await?;
    Ok(Json(ClinicView {
        clinic,
        your_role: ctx.role,
    }))
}
