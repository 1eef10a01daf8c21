//! `/api/v1/clinics/{slug}/members` and `/invitations`: who works at the clinic.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use frontdesk_domain::{AccountId, Email, InvitationId, Role};
use frontdesk_store::{Invitation, Member};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::ClinicContext;
use crate::problem::{ApiError, ApiJson, Problem};
use crate::routes::path_id;
use crate::service::clinics::{self, InviteOutcome};
use crate::state::AppState;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_members, invite_member))
        .routes(routes!(change_role, remove_member))
        .routes(routes!(revoke_invitation))
}

/// Members and open invitations.
#[derive(Serialize, utoipa::ToSchema)]
pub struct MemberList {
    /// Members, oldest first.
    members: Vec<Member>,
    /// Open invitations (shown to those who may invite).
    invitations: Vec<Invitation>,
}

/// The clinic's members.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/members", tag = "members", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    responses((status = 200, body = MemberList), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn list_members(
    State(state): State<AppState>,
    ctx: ClinicContext,
) -> Result<Json<MemberList>, ApiError> {
    let (members, invitations) = clinics::members(&state, &ctx).await?;
    Ok(Json(MemberList {
        members,
        invitations,
    }))
}

/// Whom to invite.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    /// Their e-mail.
    #[schema(max_length = 254, pattern = "EMAIL")]
    email: String,
    /// `owner`, `admin`, `staff` or `practitioner`.
    #[schema(value_type = frontdesk_domain::Role)]
    role: String,
}

/// Invites a person by e-mail (owner, admin; only owners grant owner). The answer is the same
/// whether or not the address has an account; they become a member when they accept.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/members", tag = "members", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    request_body = InviteRequest,
    responses(
        (status = 201, body = InviteOutcome),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, description = "already a member or invited", content_type = "application/problem+json"),
    ))]
async fn invite_member(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiJson(req): ApiJson<InviteRequest>,
) -> Result<(StatusCode, Json<InviteOutcome>), ApiError> {
    let mut c = frontdesk_domain::validation::Checker::default();
    let email = c.check(Email::parse("email", &req.email));
    let role = c.check(Role::parse("role", &req.role));
    c.finish()?;
    let (Some(email), Some(role)) = (email, role) else {
        return Err(ApiError::bad_request("invalid invitation"));
    };
    let outcome = clinics::invite(&state, &ctx, email, role).await?;
    Ok((StatusCode::CREATED, Json(outcome)))
}

/// A new role.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleChange {
    /// `owner`, `admin`, `staff` or `practitioner`.
    #[schema(value_type = frontdesk_domain::Role)]
    role: String,
}

/// Changes a member's role (owner, admin; a clinic always keeps one owner).
#[utoipa::path(patch, path = "/api/v1/clinics/{slug}/members/{account_id}", tag = "members", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("account_id" = String, Path, description = "the member's account id")),
    request_body = RoleChange,
    responses(
        (status = 200, body = Member),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, description = "would leave no owner", content_type = "application/problem+json"),
    ))]
async fn change_role(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, account_id)): Path<(String, String)>,
    ApiJson(req): ApiJson<RoleChange>,
) -> Result<Json<Member>, ApiError> {
    let account = AccountId::from_uuid(path_id(&account_id, "member")?);
    let role = Role::parse("role", &req.role)?;
    Ok(Json(
        clinics::change_role(&state, &ctx, account, role).await?,
    ))
}

/// Removes a member (owner, admin), or leaves the clinic (anyone, for themselves).
#[utoipa::path(delete, path = "/api/v1/clinics/{slug}/members/{account_id}", tag = "members", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("account_id" = String, Path, description = "the member's account id")),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, description = "would leave no owner", content_type = "application/problem+json"),
    ))]
async fn remove_member(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, account_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let account = AccountId::from_uuid(path_id(&account_id, "member")?);
    clinics::remove_member(&state, &ctx, account).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Withdraws an open invitation (owner, admin).
#[utoipa::path(delete, path = "/api/v1/clinics/{slug}/invitations/{invitation_id}", tag = "members", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("invitation_id" = String, Path, description = "the invitation's id")),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn revoke_invitation(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, invitation_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let id = InvitationId::from_uuid(path_id(&invitation_id, "invitation")?);
    clinics::revoke_invitation(&state, &ctx, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
